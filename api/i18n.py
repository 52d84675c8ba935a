"""The pages' languages: which one a request asks for, the UI strings (nl/en), and picking a
label in the chosen language with a fallback."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from api.negotiation import parse_accept

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
#: each language named in itself, for the language switch
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}

#: UI string id -> {language: text}. Every id has both languages (tests/pages checks it).
STRINGS: dict[str, dict[str, str]] = {
    "site_tagline": {
        "nl": "open register van de waardenlijsten van het Nederlandse onderwijs",
        "en": "open registry of the vocabularies of Dutch education",
    },
    "skip_to_content": {"nl": "Naar de inhoud", "en": "Skip to content"},
    "main_menu": {"nl": "Hoofdmenu", "en": "Main menu"},
    "nav_vocabularies": {"nl": "Waardenlijsten", "en": "Vocabularies"},
    "nav_search": {"nl": "Zoeken", "en": "Search"},
    "nav_sparql": {"nl": "SPARQL", "en": "SPARQL"},
    "nav_api": {"nl": "API", "en": "API"},
    "language": {"nl": "Taal", "en": "Language"},
    "search_label": {"nl": "Zoek een begrip", "en": "Search for a concept"},
    "search_placeholder": {"nl": "bijv. rekenen, samenwerken, kerndoel", "en": "e.g. arithmetic, collaborate, assessment"},
    "search_button": {"nl": "Zoeken", "en": "Search"},
    "search_landmark": {"nl": "Begrippen zoeken", "en": "Search concepts"},
    "suggestions": {"nl": "Suggesties", "en": "Suggestions"},
    "suggestions_count": {"nl": "{n} suggesties; gebruik pijltjestoetsen om te kiezen", "en": "{n} suggestions; use the arrow keys to choose"},
    "suggestions_none": {"nl": "Geen suggesties", "en": "No suggestions"},
    "suggestions_help": {
        "nl": "Suggesties verschijnen tijdens het typen. Pijltjestoetsen om te kiezen, Enter om te openen, Escape om te sluiten.",
        "en": "Suggestions appear as you type. Arrow keys to choose, Enter to open, Escape to close.",
    },
    # home
    "home_title": {"nl": "Waardenlijsten", "en": "Vocabularies"},
    "home_intro": {
        "nl": "{vocabularies} waardenlijsten met samen {concepts} begrippen ({deprecated} vervallen) en {collections} collecties.",
        "en": "{vocabularies} vocabularies with {concepts} concepts in all ({deprecated} deprecated) and {collections} collections.",
    },
    "filter_label": {"nl": "Filter de waardenlijsten", "en": "Filter the vocabularies"},
    "filter_status": {"nl": "{n} waardenlijsten zichtbaar", "en": "{n} vocabularies shown"},
    "group_caption": {"nl": "Waardenlijsten van {publisher}", "en": "Vocabularies of {publisher}"},
    "unknown_publisher": {"nl": "Overige", "en": "Other"},
    "col_name": {"nl": "Naam", "en": "Name"},
    "col_id": {"nl": "Id", "en": "Id"},
    "col_concepts": {"nl": "Begrippen", "en": "Concepts"},
    "col_collections": {"nl": "Collecties", "en": "Collections"},
    "col_deprecated": {"nl": "Vervallen", "en": "Deprecated"},
    "col_languages": {"nl": "Talen", "en": "Languages"},
    "col_version": {"nl": "Versie", "en": "Version"},
    # vocabulary
    "vocabulary": {"nl": "Waardenlijst", "en": "Vocabulary"},
    "about_vocabulary": {"nl": "Over deze waardenlijst", "en": "About this vocabulary"},
    "publisher": {"nl": "Bronhouder", "en": "Publisher"},
    "license": {"nl": "Licentie", "en": "Licence"},
    "source": {"nl": "Bron", "en": "Source"},
    "version": {"nl": "Versie", "en": "Version"},
    "latest_release": {"nl": "Laatste release", "en": "Latest release"},
    "languages": {"nl": "Talen", "en": "Languages"},
    "identifier": {"nl": "IRI", "en": "IRI"},
    "modified": {"nl": "Geladen op", "en": "Loaded on"},
    "counts": {"nl": "Aantallen", "en": "Counts"},
    "counts_value": {
        "nl": "{concepts} begrippen, {deprecated} vervallen, {collections} collecties, {triples} triples",
        "en": "{concepts} concepts, {deprecated} deprecated, {collections} collections, {triples} triples",
    },
    "top_concepts": {"nl": "Topbegrippen", "en": "Top concepts"},
    "tree_help": {
        "nl": "Gebruik de knoppen om onderliggende begrippen te tonen; de namen openen het begrip.",
        "en": "Use the buttons to show narrower concepts; the names open the concept.",
    },
    "show_narrower_of": {"nl": "Onderliggende begrippen van {label}", "en": "Narrower concepts of {label}"},
    "loading": {"nl": "Laden…", "en": "Loading…"},
    "load_failed": {"nl": "Laden mislukt.", "en": "Could not load."},
    "more_on_concept_page": {"nl": "Alle {n} op de begrippagina", "en": "All {n} on the concept page"},
    "no_concepts": {"nl": "Geen begrippen.", "en": "No concepts."},
    "collections": {"nl": "Collecties", "en": "Collections"},
    "collection": {"nl": "Collectie", "en": "Collection"},
    "members": {"nl": "{n} leden", "en": "{n} members"},
    "collection_members": {"nl": "Leden van de collectie", "en": "Members of the collection"},
    "back_to_top_concepts": {"nl": "Terug naar de topbegrippen", "en": "Back to the top concepts"},
    "pagination": {"nl": "Paginering", "en": "Pagination"},
    "previous": {"nl": "Vorige", "en": "Previous"},
    "next": {"nl": "Volgende", "en": "Next"},
    "showing": {"nl": "{first}–{last} van {total}", "en": "{first}–{last} of {total}"},
    "deprecated_badge": {"nl": "vervallen", "en": "deprecated"},
    "download_vocabulary": {"nl": "Downloaden", "en": "Download"},
    # concept
    "concept": {"nl": "Begrip", "en": "Concept"},
    "breadcrumbs": {"nl": "Kruimelpad", "en": "Breadcrumbs"},
    "breadcrumbs_paths": {"nl": "Plaats in de hiërarchie", "en": "Place in the hierarchy"},
    "more_paths": {"nl": "en {n} andere paden", "en": "and {n} other paths"},
    "deprecated_title": {"nl": "Dit begrip is vervallen", "en": "This concept is deprecated"},
    "replaced_by": {"nl": "Gebruik in plaats daarvan:", "en": "Use instead:"},
    "no_replacement": {"nl": "Er is geen vervanger opgegeven.", "en": "No replacement is given."},
    "labels": {"nl": "Labels", "en": "Labels"},
    "col_language": {"nl": "Taal", "en": "Language"},
    "pref_label": {"nl": "Voorkeurslabel", "en": "Preferred label"},
    "alt_labels": {"nl": "Alternatieve labels", "en": "Alternative labels"},
    "hidden_labels": {"nl": "Verborgen labels", "en": "Hidden labels"},
    "no_language": {"nl": "(geen taal)", "en": "(no language)"},
    "notation": {"nl": "Notatie", "en": "Notation"},
    "notes": {"nl": "Definitie en toelichting", "en": "Definition and notes"},
    "note_definition": {"nl": "Definitie", "en": "Definition"},
    "note_scope_note": {"nl": "Toelichting bij gebruik", "en": "Scope note"},
    "note_note": {"nl": "Opmerking", "en": "Note"},
    "note_editorial_note": {"nl": "Redactionele opmerking", "en": "Editorial note"},
    "note_example": {"nl": "Voorbeeld", "en": "Example"},
    "relations": {"nl": "Relaties", "en": "Relations"},
    "broader": {"nl": "Bredere begrippen", "en": "Broader concepts"},
    "narrower": {"nl": "Nauwere begrippen", "en": "Narrower concepts"},
    "related": {"nl": "Verwante begrippen", "en": "Related concepts"},
    "mappings": {"nl": "Koppelingen met andere lijsten", "en": "Mappings to other vocabularies"},
    "exact_match": {"nl": "Exacte overeenkomst", "en": "Exact match"},
    "close_match": {"nl": "Nauwe overeenkomst", "en": "Close match"},
    "broad_match": {"nl": "Bredere overeenkomst", "en": "Broad match"},
    "narrow_match": {"nl": "Nauwere overeenkomst", "en": "Narrow match"},
    "related_match": {"nl": "Verwante overeenkomst", "en": "Related match"},
    "external_link": {"nl": "(externe link)", "en": "(external link)"},
    "in_vocabularies": {"nl": "In waardenlijst", "en": "In vocabulary"},
    "member_of": {"nl": "Lid van de collecties", "en": "Member of the collections"},
    "other_properties": {"nl": "Overige eigenschappen", "en": "Other properties"},
    "download": {"nl": "Download dit begrip", "en": "Download this concept"},
    "json_api": {"nl": "JSON (API)", "en": "JSON (API)"},
    "top_concept_of": {"nl": "Topbegrip van", "en": "Top concept of"},
    # search
    "search_title": {"nl": "Zoeken", "en": "Search"},
    "search_results_for": {"nl": "Resultaten voor “{q}”", "en": "Results for “{q}”"},
    "search_count": {"nl": "{n} begrippen gevonden", "en": "{n} concepts found"},
    "search_none": {"nl": "Niets gevonden. Probeer een ander woord of een andere waardenlijst.", "en": "Nothing found. Try another word or another vocabulary."},
    "search_vocabulary": {"nl": "Waardenlijst", "en": "Vocabulary"},
    "search_all_vocabularies": {"nl": "Alle waardenlijsten", "en": "All vocabularies"},
    "search_prompt": {"nl": "Typ een woord om begrippen te zoeken in alle waardenlijsten.", "en": "Type a word to search concepts in every vocabulary."},
    "matched_label": {"nl": "gevonden via", "en": "matched"},
    # errors
    "error_title": {"nl": "Fout {status}", "en": "Error {status}"},
    "not_found_title": {"nl": "Niet gevonden", "en": "Not found"},
    "bad_request_title": {"nl": "Ongeldige aanvraag", "en": "Invalid request"},
    "error_home": {"nl": "Naar de lijst van waardenlijsten", "en": "Go to the list of vocabularies"},
    "missing_uri": {"nl": "Geef de IRI van een begrip mee als ?uri=…", "en": "Give a concept IRI as ?uri=…"},
    "unknown_concept": {"nl": "Het begrip {iri} staat niet in het register.", "en": "The concept {iri} is not in the registry."},
    "open_iri": {"nl": "Open de IRI zelf", "en": "Open the IRI itself"},
    # editor pages: sign in and out
    "ed_editor": {"nl": "Beheer", "en": "Editor"},
    "ed_menu": {"nl": "Beheermenu", "en": "Editor menu"},
    "ed_sign_in_title": {"nl": "Inloggen voor bronhouders", "en": "Sign in for standards editors"},
    "ed_sign_in_intro": {
        "nl": "Bronhouders beheren hier hun waardenlijsten: een conceptversie uploaden, nakijken wat publiceren verandert, het kwaliteitsrapport lezen en publiceren.",
        "en": "Standards editors manage their vocabularies here: upload a draft, review what publishing would change, read the quality report and publish.",
    },
    "ed_token_label": {"nl": "API-token", "en": "API token"},
    "ed_token_hint": {
        "nl": "Het token krijgt u van de beheerder van uw organisatie, die het maakt met eduvoc token create. Het begint met eduvoc_.",
        "en": "Your organisation's administrator gives you the token; they make it with eduvoc token create. It starts with eduvoc_.",
    },
    "ed_token_cookie": {
        "nl": "Na het inloggen bewaart uw browser het token in een cookie dat alleen deze site kan lezen. Het verdwijnt als u zich afmeldt of de browser sluit.",
        "en": "Once you are signed in, your browser keeps the token in a cookie only this site can read. It is removed when you sign out or close the browser.",
    },
    "ed_sign_in_button": {"nl": "Inloggen", "en": "Sign in"},
    "ed_sign_out": {"nl": "Afmelden", "en": "Sign out"},
    "ed_signed_out": {"nl": "U bent afgemeld.", "en": "You are signed out."},
    "ed_signed_in_as": {"nl": "Ingelogd voor {organisation} ({role})", "en": "Signed in for {organisation} ({role})"},
    "ed_role_admin": {"nl": "beheerder", "en": "administrator"},
    "ed_role_editor": {"nl": "redacteur", "en": "editor"},
    "ed_token_missing": {"nl": "Vul uw API-token in.", "en": "Enter your API token."},
    "ed_token_refused": {
        "nl": "Dit token is onbekend, ingetrokken of verlopen. Vraag de beheerder van uw organisatie om een nieuw token.",
        "en": "This token is unknown, revoked or expired. Ask your organisation's administrator for a new one.",
    },
    # editor pages: problems
    "ed_error_summary": {"nl": "Er is een probleem", "en": "There is a problem"},
    "ed_error_prefix": {"nl": "Fout:", "en": "Error:"},
    "ed_forbidden_title": {"nl": "Geen toegang", "en": "Access denied"},
    "ed_csrf_refused": {
        "nl": "Dit formulier is niet vanaf deze site verstuurd en is daarom geweigerd. Open de pagina opnieuw en probeer het nog eens.",
        "en": "This form was not sent from this site, so it was refused. Open the page again and try once more.",
    },
    "ed_file_missing": {"nl": "Kies een bestand.", "en": "Choose a file."},
    "ed_file_empty": {"nl": "Het bestand {file} is leeg.", "en": "The file {file} is empty."},
    "ed_too_large": {"nl": "Het bestand is groter dan de limiet van {limit}.", "en": "The file is larger than the limit of {limit}."},
    "ed_form_too_large": {"nl": "Het formulier is te groot.", "en": "The form is too large."},
    "ed_form_type": {"nl": "Verstuur het formulier vanaf deze pagina.", "en": "Send the form from this page."},
    "ed_form_unreadable": {"nl": "Het formulier kon niet worden gelezen: {reason}", "en": "The form could not be read: {reason}"},
    "ed_bad_parameters": {"nl": "Ongeldige parameters: {detail}", "en": "Invalid parameters: {detail}"},
    "ed_id_missing": {"nl": "Vul een id in.", "en": "Enter an id."},
    "ed_id_invalid": {
        "nl": "{id} is geen geldig id: gebruik 1 tot 64 kleine letters, cijfers en streepjes.",
        "en": "{id} is not a valid id: use 1 to 64 lower-case letters, digits and hyphens.",
    },
    "ed_already_registered": {
        "nl": "Er is al een waardenlijst met het id {id}. Upload een nieuwe conceptversie op de pagina van die lijst.",
        "en": "There is already a vocabulary with the id {id}. Upload a new draft on that vocabulary's page.",
    },
    "ed_version_missing": {"nl": "Vul een versie in.", "en": "Enter a version."},
    "ed_note_missing": {"nl": "Schrijf een wijzigingsnotitie.", "en": "Write a change note."},
    "ed_bad_severity": {"nl": "Kies een ernst uit de lijst.", "en": "Choose a severity from the list."},
    "ed_where_line": {"nl": "regel {line}, kolom {column} van {file}", "en": "line {line}, column {column} of {file}"},
    "ed_where_line_only": {"nl": "regel {line} van {file}", "en": "line {line} of {file}"},
    "ed_where_cell": {"nl": "cel {cell} van {file}", "en": "cell {cell} of {file}"},
    "ed_where_row_column": {"nl": "rij {row}, kolom {column} van {file}", "en": "row {row}, column {column} of {file}"},
    "ed_where_row": {"nl": "rij {row} van {file}", "en": "row {row} of {file}"},
    "ed_violations_block": {
        "nl": "Publiceren is geweigerd: de conceptversie overtreedt kwaliteitsregels ({n} overtredingen). Los ze op en upload de lijst opnieuw.",
        "en": "Publishing was refused: the draft breaks quality rules ({n} violations). Fix them and upload the list again.",
    },
    "ed_see_report": {"nl": "Bekijk het kwaliteitsrapport", "en": "See the quality report"},
    "ed_error_back": {"nl": "Naar uw waardenlijsten", "en": "Go to your vocabularies"},
    # editor pages: home
    "ed_home_title": {"nl": "Uw waardenlijsten", "en": "Your vocabularies"},
    "ed_home_intro_editor": {"nl": "De waardenlijsten van {organisation}.", "en": "The vocabularies of {organisation}."},
    "ed_home_intro_admin": {"nl": "Als beheerder ziet u alle waardenlijsten.", "en": "As an administrator you see every vocabulary."},
    "ed_home_caption": {"nl": "Waardenlijsten die u beheert", "en": "Vocabularies you manage"},
    "ed_home_none": {"nl": "Nog geen waardenlijsten. Registreer hieronder de eerste.", "en": "No vocabularies yet. Register the first one below."},
    "ed_col_owner": {"nl": "Eigenaar", "en": "Owner"},
    "ed_col_latest": {"nl": "Laatste release", "en": "Latest release"},
    "ed_col_draft": {"nl": "Conceptversie", "en": "Draft"},
    "ed_draft_from": {"nl": "ja, uit {source}", "en": "yes, from {source}"},
    "ed_no_draft": {"nl": "geen", "en": "none"},
    "ed_not_released": {"nl": "nog niet gepubliceerd", "en": "not published yet"},
    "ed_register_title": {"nl": "Een nieuwe waardenlijst registreren", "en": "Register a new vocabulary"},
    "ed_register_intro": {
        "nl": "Het bestand wordt de eerste conceptversie van de lijst. U ziet eerst een voorbeeld en het kwaliteitsrapport; pas als u publiceert is de lijst openbaar.",
        "en": "The file becomes the list's first draft. You see a preview and the quality report first; the list is public only once you publish it.",
    },
    "ed_id_label": {"nl": "Id van de waardenlijst", "en": "Vocabulary id"},
    "ed_id_hint": {
        "nl": "Kleine letters, cijfers en streepjes, bijv. werkvormen. Het id komt in de adressen van de lijst en verandert niet meer.",
        "en": "Lower-case letters, digits and hyphens, e.g. werkvormen. It becomes part of the list's addresses and never changes.",
    },
    "ed_file_label": {"nl": "Bestand", "en": "File"},
    "ed_file_hint": {
        "nl": "Turtle (.ttl), RDF/XML (.rdf, .xml), JSON-LD (.jsonld), N-Triples (.nt), of CSV of XLSX volgens het spreadsheet-sjabloon; hoogstens {limit}.",
        "en": "Turtle (.ttl), RDF/XML (.rdf, .xml), JSON-LD (.jsonld), N-Triples (.nt), or CSV or XLSX in the spreadsheet template; at most {limit}.",
    },
    "ed_base_label": {"nl": "Basis-IRI (optioneel)", "en": "Base IRI (optional)"},
    "ed_base_hint": {
        "nl": "Voor relatieve IRI's in RDF, of om van de id's in een spreadsheet IRI's te maken.",
        "en": "For relative IRIs in RDF, or to turn the ids in a spreadsheet into IRIs.",
    },
    "ed_register_button": {"nl": "Registreren en voorbeeld bekijken", "en": "Register and preview"},
    "ed_template_title": {"nl": "Spreadsheet-sjabloon", "en": "Spreadsheet template"},
    "ed_template_intro": {
        "nl": "Houdt u de lijst bij in Excel of een ander rekenblad? Download het sjabloon, vul het in en upload het hierboven.",
        "en": "Do you keep the list in Excel or another spreadsheet? Download the template, fill it in and upload it above.",
    },
    "ed_template_xlsx": {"nl": "Sjabloon als XLSX", "en": "Template as XLSX"},
    "ed_template_csv": {"nl": "Sjabloon als CSV", "en": "Template as CSV"},
    # editor pages: one vocabulary
    "ed_manage": {"nl": "Waardenlijst beheren", "en": "Manage a vocabulary"},
    "ed_status_title": {"nl": "Stand van zaken", "en": "Status"},
    "ed_owner": {"nl": "Eigenaar", "en": "Owner"},
    "ed_public_page": {"nl": "Openbare pagina", "en": "Public page"},
    "ed_releases": {"nl": "Releases", "en": "Releases"},
    "ed_release_line": {"nl": "{version} van {date}", "en": "{version} of {date}"},
    "ed_draft": {"nl": "Conceptversie", "en": "Draft"},
    "ed_draft_none_text": {
        "nl": "Er is geen conceptversie. Upload een bestand of begin een conceptversie vanuit de laatste release.",
        "en": "There is no draft. Upload a file or start a draft from the latest release.",
    },
    "ed_done_registered": {
        "nl": "De waardenlijst is geregistreerd met een conceptversie. Kijk het voorbeeld en het kwaliteitsrapport na en publiceer.",
        "en": "The vocabulary is registered with a draft. Review the preview and the quality report, then publish.",
    },
    "ed_done_uploaded": {"nl": "De conceptversie is geüpload. Hieronder ziet u wat publiceren verandert.", "en": "The draft is uploaded. Below you see what publishing would change."},
    "ed_done_started": {"nl": "Er is een conceptversie begonnen vanuit de laatste release.", "en": "A draft was started from the latest release."},
    "ed_done_discarded": {"nl": "De conceptversie is weggegooid.", "en": "The draft was discarded."},
    "ed_done_published": {"nl": "Release {version} is gepubliceerd.", "en": "Release {version} is published."},
    "ed_preview_title": {"nl": "Voorbeeld: wat publiceren verandert", "en": "Preview: what publishing would change"},
    "ed_draft_counts": {
        "nl": "{concepts} begrippen, {deprecated} vervallen, {collections} collecties, {triples} triples",
        "en": "{concepts} concepts, {deprecated} deprecated, {collections} collections, {triples} triples",
    },
    "ed_draft_source": {"nl": "Uit", "en": "From"},
    "ed_first_release": {"nl": "Er is nog geen release: alles in deze conceptversie is nieuw.", "en": "There is no release yet: everything in this draft is new."},
    "ed_compared_with": {"nl": "Vergeleken met release {version}", "en": "Compared with release {version}"},
    "ed_no_changes": {"nl": "Geen verschillen met release {version}.", "en": "No differences from release {version}."},
    "ed_kind_added": {"nl": "Toegevoegd", "en": "Added"},
    "ed_kind_removed": {"nl": "Verwijderd", "en": "Removed"},
    "ed_kind_changed": {"nl": "Gewijzigd", "en": "Changed"},
    "ed_kind_deprecated": {"nl": "Vervallen", "en": "Deprecated"},
    "ed_changes_summary": {"nl": "Soorten wijzigingen", "en": "Kinds of change"},
    "ed_show_all": {"nl": "Alle {n} tonen", "en": "Show all {n}"},
    "ed_old": {"nl": "oud:", "en": "old:"},
    "ed_new": {"nl": "nieuw:", "en": "new:"},
    "ed_replaced_by": {"nl": "vervangen door", "en": "replaced by"},
    "ed_no_replacement": {"nl": "zonder vervanger", "en": "without a replacement"},
    "ed_changes_title": {"nl": "{kind} sinds release {version}", "en": "{kind} since release {version}"},
    "ed_back_to": {"nl": "Terug naar {vocabulary}", "en": "Back to {vocabulary}"},
    "ed_quality_title": {"nl": "Kwaliteitsrapport", "en": "Quality report"},
    "ed_quality_unavailable": {"nl": "De kwaliteitscontrole is op deze server niet ingeschakeld.", "en": "The quality check is not enabled on this server."},
    "ed_quality_ok": {"nl": "Geen bevindingen: de conceptversie voldoet aan alle kwaliteitsregels.", "en": "No findings: the draft meets every quality rule."},
    "ed_quality_blocks": {"nl": "Er zijn overtredingen: die blokkeren het publiceren.", "en": "There are violations: they block publishing."},
    "ed_quality_advice": {
        "nl": "Geen overtredingen: de conceptversie kan gepubliceerd worden. Waarschuwingen en informatie zijn adviezen.",
        "en": "No violations: the draft can be published. Warnings and information are advice.",
    },
    "ed_severity_counts": {"nl": "Bevindingen per ernst", "en": "Findings per severity"},
    "ed_severity_Violation": {"nl": "Overtreding", "en": "Violation"},
    "ed_severity_Warning": {"nl": "Waarschuwing", "en": "Warning"},
    "ed_severity_Info": {"nl": "Informatie", "en": "Information"},
    "ed_first_findings": {"nl": "Eerste bevindingen", "en": "First findings"},
    "ed_full_report": {"nl": "Het volledige kwaliteitsrapport ({n} bevindingen)", "en": "The full quality report ({n} findings)"},
    "ed_quality_page_title": {"nl": "Kwaliteitsrapport van {vocabulary}", "en": "Quality report of {vocabulary}"},
    "ed_findings_count": {"nl": "{n} bevindingen", "en": "{n} findings"},
    "ed_col_severity": {"nl": "Ernst", "en": "Severity"},
    "ed_col_check": {"nl": "Controle", "en": "Check"},
    "ed_col_concept": {"nl": "Begrip", "en": "Concept"},
    "ed_col_property": {"nl": "Eigenschap", "en": "Property"},
    "ed_col_value": {"nl": "Waarde", "en": "Value"},
    "ed_col_message": {"nl": "Melding", "en": "Message"},
    "ed_col_fix": {"nl": "Zo lost u het op", "en": "How to fix it"},
    "ed_filter_severity": {"nl": "Toon bevindingen met ernst", "en": "Show findings of severity"},
    "ed_all_severities": {"nl": "Alle", "en": "All"},
    "ed_filter_button": {"nl": "Tonen", "en": "Show"},
    "ed_publish_title": {"nl": "Publiceren", "en": "Publish"},
    "ed_publish_intro": {
        "nl": "Publiceren maakt van de conceptversie een release: openbaar, met een eigen adres, en onveranderlijk.",
        "en": "Publishing turns the draft into a release: public, at its own address, and never changed again.",
    },
    "ed_publish_blocked": {
        "nl": "Los eerst de overtredingen op: zolang die er zijn, wordt publiceren geweigerd.",
        "en": "Fix the violations first: publishing is refused while there are any.",
    },
    "ed_version_label": {"nl": "Versie", "en": "Version"},
    "ed_version_hint": {"nl": "Bijv. 1.0 of 2026-03. Een versie die al bestaat kan niet nog eens.", "en": "E.g. 1.0 or 2026-03. A version that exists cannot be used again."},
    "ed_version_latest": {"nl": "Laatste release: {version}.", "en": "Latest release: {version}."},
    "ed_note_label": {"nl": "Wijzigingsnotitie", "en": "Change note"},
    "ed_note_hint": {"nl": "Wat is er veranderd en waarom? Gebruikers lezen dit in de changelog.", "en": "What changed and why? Users read this in the changelog."},
    "ed_publish_button": {"nl": "Publiceren als release", "en": "Publish as a release"},
    "ed_download_title": {"nl": "Conceptversie downloaden", "en": "Download the draft"},
    "ed_download_intro": {
        "nl": "Om verder te werken in een rekenblad of editor en daarna opnieuw te uploaden.",
        "en": "To work on it in a spreadsheet or editor and upload it again.",
    },
    "ed_discard_title": {"nl": "Conceptversie weggooien", "en": "Discard the draft"},
    "ed_discard_intro": {"nl": "De releases blijven zoals ze zijn.", "en": "The releases stay as they are."},
    "ed_discard_button": {"nl": "Conceptversie weggooien", "en": "Discard the draft"},
    "ed_upload_title": {"nl": "Een nieuwe conceptversie uploaden", "en": "Upload a new draft"},
    "ed_upload_intro": {
        "nl": "Het bestand vervangt de huidige conceptversie, als die er is. De releases blijven zoals ze zijn.",
        "en": "The file replaces the current draft, if there is one. The releases stay as they are.",
    },
    "ed_upload_button": {"nl": "Uploaden en voorbeeld bekijken", "en": "Upload and preview"},
    "ed_start_title": {"nl": "Conceptversie beginnen vanuit de laatste release", "en": "Start a draft from the latest release"},
    "ed_start_intro": {
        "nl": "Een kopie van release {version}, om begrip voor begrip te bewerken via de API of de opdrachtregel (eduvoc concept).",
        "en": "A copy of release {version}, to edit concept by concept through the API or the command line (eduvoc concept).",
    },
    "ed_start_replaces": {"nl": "Let op: dit vervangt de huidige conceptversie.", "en": "Note: this replaces the current draft."},
    "ed_start_button": {"nl": "Conceptversie beginnen", "en": "Start a draft"},
}


@dataclass(frozen=True)
class Label:
    """A label chosen for display, with the language it is in ('' when it has none)."""

    text: str
    language: str


def negotiate_language(asked: str | None, accept_language: str | None) -> str:
    """`?lang=` when supported, else the best supported language in Accept-Language, else nl."""
    if asked and asked.lower() in LANGUAGES:
        return asked.lower()
    ranked = [
        (-quality, index, language_range.split("-")[0])
        for index, (language_range, quality) in enumerate(parse_accept(accept_language or ""))
        if language_range.split("-")[0] in LANGUAGES and quality > 0
    ]
    return min(ranked)[2] if ranked else DEFAULT_LANGUAGE


def translate(language: str, key: str, **values: object) -> str:
    """The UI string `key` in `language`, with `{name}` placeholders filled in."""
    entry = STRINGS[key]
    text = entry.get(language) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def format_number(language: str, value: int) -> str:
    """An integer with thousands separators as the language writes them (17.113 / 17,113)."""
    return f"{value:,}".replace(",", "." if language == "nl" else ",")


def pick_label(labels: Mapping[str, str], language: str, default: str = "") -> Label:
    """The label in `language`, else Dutch, else English, else without language, else any."""
    for candidate in (language, DEFAULT_LANGUAGE, "en", ""):
        if candidate in labels:
            return Label(labels[candidate], candidate)
    for candidate in sorted(labels):
        return Label(labels[candidate], candidate)
    return Label(default, "")
