/* Starts Swagger UI (/docs) or ReDoc (/redoc) on the OpenAPI document; both bundles ship in
 * /static/vendor (no CDN). Kept out of the HTML so the pages need no inline script. */
(function () {
  "use strict";
  var swagger = document.getElementById("swagger-ui");
  if (swagger && window.SwaggerUIBundle) {
    window.SwaggerUIBundle({
      url: swagger.dataset.openapi,
      dom_id: "#swagger-ui",
      layout: "BaseLayout",
      deepLinking: true,
      showExtensions: true,
      showCommonExtensions: true,
      presets: [window.SwaggerUIBundle.presets.apis]
    });
  }
  var redoc = document.getElementById("redoc");
  if (redoc && window.Redoc) {
    window.Redoc.init(redoc.dataset.openapi, { disableSearch: true, hideDownloadButton: false }, redoc);
  }
})();
