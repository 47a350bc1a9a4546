/*
 * casp: formgrader in French, for the words nbgrader 0.9.6's formgrader scripts write themselves.
 *
 * The pages are the course's French templates (course/nbgrader_ext/templates/formgrader/, and
 * templates/nbconvert/formgrade/ for the grading page). What formgrader's Backbone views, modals, tooltips and
 * DataTables write from JavaScript (nbgrader/server_extensions/formgrader/static/js/*.js) are English literals:
 * a MutationObserver puts every known literal in French as it enters the page, from the table below, without
 * touching nbgrader's files. Learners' work is never rewritten: nothing inside a notebook cell's content,
 * nor in <pre>, <code> or a text field, is changed.
 *
 * Also: DataTables' own words, a name for the icon-only buttons (title and aria-label), and
 * caspToggleAllNames() for the « show all names » button, since nbgrader's toggleAllNames() compares the
 * button's label with "Show All Names".
 */
(function () {
    "use strict";

    // Exact texts (whitespace around them kept), from nbgrader's scripts.
    var LABELS = {
        // manage_assignments.js, manage_students.js, utils.js
        "Name": "Nom",
        "Due date (optional)": "Date limite (facultative)",
        "Timezone as UTC offset (optional)": "Fuseau horaire, en décalage par rapport à UTC (facultatif)",
        "Save": "Enregistrer",
        "Cancel": "Annuler",
        "Close": "Fermer",
        "Saving...": "Enregistrement…",
        "Please wait...": "Veuillez patienter…",
        "Success": "Terminé",
        "Error": "Erreur",
        "Log Output": "Journal",
        "Traceback": "Détail de l'erreur",
        "None": "—",
        "draft": "brouillon",
        "released": "diffusé",
        "Add New Assignment": "Nouveau devoir",
        "Assignment names may not include the '+' character.":
            "Le nom d'un devoir ne peut pas contenir le caractère « + ».",
        "Student ID": "Identifiant de l'apprenant",
        "First name (optional)": "Prénom (facultatif)",
        "Last name (optional)": "Nom (facultatif)",
        "Email (optional)": "Courriel (facultatif)",
        "Add New Student": "Nouvel apprenant",
        // manage_submissions.js
        "needs autograding": "à corriger automatiquement",
        "needs manual grading": "à noter à la main",
        "graded": "noté",
        // gradebook_notebook_submissions.js
        "Show All Names": "Afficher tous les noms",
        "Hide All Names": "Masquer tous les noms",
        "Show student name": "Afficher le nom de l'apprenant",
        "Hide student name": "Masquer le nom de l'apprenant",
        // formgrade.js, formgrade_models.js, formgrade_keyboardmanager.js (the grading page)
        "Submission flagged": "Copie signalée",
        "Submission unflagged": "Copie plus signalée",
        "Type any comments here (supports Markdown and MathJax)":
            "Écrivez ici votre commentaire pour l'apprenant (Markdown et MathJax acceptés)",
        "No response.": "Pas de réponse.",
        "Keyboard shortcuts": "Raccourcis clavier",
        "Move to the next score or comment input": "Aller à la case de points ou de commentaire suivante",
        "Move to the previous score or comment input": "Aller à la case de points ou de commentaire précédente",
        "Defocus and save the current score or comment input": "Quitter la case et l'enregistrer",
        "Refocus the most recent score or comment input": "Revenir à la dernière case utilisée",
        "Move to the same score or comment input of the next submission":
            "Aller à la même case dans la copie suivante",
        "Move to the same score or comment input of the next submission with failed tests":
            "Aller à la même case dans la copie suivante dont des tests ont échoué",
        "Move to the same score or comment input of the previous submission":
            "Aller à la même case dans la copie précédente",
        "Move to the same score or comment input of the previous submission with failed tests":
            "Aller à la même case dans la copie précédente dont des tests ont échoué",
        "Flag the submission": "Signaler la copie (ou retirer le signalement)",
        "tab": "Tab",
        "shift-tab": "Maj+Tab",
        "escape": "Échap",
        "enter": "Entrée",
        "control-.": "Ctrl+.",
        "control-shift-.": "Ctrl+Maj+.",
        "control-,": "Ctrl+,",
        "control-shift-,": "Ctrl+Maj+,",
        "control-shift-f": "Ctrl+Maj+F"
    };

    function quoted(name) {
        return "« " + name + " »";
    }

    // Texts with a name or a number in them: [pattern, French]. A message ending in « : » introduces the log.
    var PATTERNS = [
        [/^Submission #(\d+)$/, function (m) { return "Copie n° " + m[1]; }],
        [/^Editing (.+)$/, function (m) { return "Modifier " + m[1]; }],
        [/^(-?\d+(?:\.\d+)?) \/ (-?\d+(?:\.\d+)?)$/, function (m) {
            return m[1].replace(".", ",") + " / " + m[2].replace(".", ",");
        }],
        [/^None, None$/, function () { return "—"; }],
        [/^None, (.+)$/, function (m) { return m[1]; }],
        [/^(.+), None$/, function (m) { return m[1]; }],
        [/^(.+) \(no submission\)$/, function (m) { return m[1] + " (pas de copie)"; }],
        [/^(.+) \(not autograded\)$/, function (m) { return m[1] + " (pas encore corrigé automatiquement)"; }],
        [/^(.+) \(file missing\)$/, function (m) { return m[1] + " (fichier absent)"; }],
        // manage_assignments.js
        [/^Successfully created the student version of '(.+)':$/, function (m) {
            return "Version apprenant de " + quoted(m[1]) + " créée :"; }],
        [/^There was an error creating the student version of '(.+)'([:.])$/, function (m) {
            return "Erreur à la création de la version apprenant de " + quoted(m[1]) + end(m[2]); }],
        [/^Successfully unreleased '(.+)'\.$/, function (m) {
            return "Diffusion de " + quoted(m[1]) + " retirée."; }],
        [/^There was an error unreleasing '(.+)'([:.])$/, function (m) {
            return "Erreur au retrait de la diffusion de " + quoted(m[1]) + end(m[2]); }],
        [/^Successfully released '(.+)'\.$/, function (m) {
            return "Devoir " + quoted(m[1]) + " diffusé."; }],
        [/^There was an error releasing '(.+)'([:.])$/, function (m) {
            return "Erreur à la diffusion de " + quoted(m[1]) + end(m[2]); }],
        [/^Successfully collected submissions of '(.+)'\.$/, function (m) {
            return "Copies de " + quoted(m[1]) + " ramassées."; }],
        [/^There was an error collecting (?:submissions of )?'(.+)'([:.])$/, function (m) {
            return "Erreur au ramassage des copies de " + quoted(m[1]) + end(m[2]); }],
        [/^Successfully generated feedback of '(.+)'\.$/, function (m) {
            return "Retours de " + quoted(m[1]) + " générés."; }],
        [/^There was an error generating feedback of '(.+)'([:.])$/, function (m) {
            return "Erreur à la génération des retours de " + quoted(m[1]) + end(m[2]); }],
        [/^Successfully released feedback of '(.+)'\.$/, function (m) {
            return "Retours de " + quoted(m[1]) + " envoyés aux apprenants."; }],
        [/^There was an error releasing feedback of '(.+)'([:.])$/, function (m) {
            return "Erreur à l'envoi des retours de " + quoted(m[1]) + end(m[2]); }],
        // manage_submissions.js: one learner's copy
        [/^Successfully autograded '(.+)' for student '(.+)'\.$/, function (m) {
            return "Copie de " + quoted(m[2]) + " pour " + quoted(m[1]) + " corrigée automatiquement."; }],
        [/^There was an error autograding '(.+)' for student '(.+)'([:.])$/, function (m) {
            return "Erreur à la correction automatique de la copie de " + quoted(m[2]) + " pour " + quoted(m[1]) +
                end(m[3]); }],
        [/^Successfully generated feedback for '(.+)' for student '(.+)'\.$/, function (m) {
            return "Retour de " + quoted(m[2]) + " pour " + quoted(m[1]) + " généré."; }],
        [/^There was an error generating feedback for '(.+)' for student '(.+)'([:.])$/, function (m) {
            return "Erreur à la génération du retour de " + quoted(m[2]) + " pour " + quoted(m[1]) + end(m[3]); }],
        [/^Successfully released feedback for '(.+)' for student '(.+)'\.$/, function (m) {
            return "Retour de " + quoted(m[2]) + " pour " + quoted(m[1]) + " envoyé."; }],
        [/^There was an error releasing feedback for '(.+)' for student '(.+)'([:.])$/, function (m) {
            return "Erreur à l'envoi du retour de " + quoted(m[2]) + " pour " + quoted(m[1]) + end(m[3]); }]
    ];

    function end(punctuation) {
        return punctuation === ":" ? " :" : ".";
    }

    // What icon-only links do, by their Glyphicon (manage_assignments.js, manage_submissions.js, manage_students.js).
    var ICON_NAMES = {
        "glyphicon-pencil": "Modifier",
        "glyphicon-education": "Générer la version apprenant",
        "glyphicon-search": "Aperçu de la version apprenant",
        "glyphicon-cloud-upload": "Diffuser",
        "glyphicon-remove": "Retirer la diffusion",
        "glyphicon-cloud-download": "Ramasser les copies",
        "glyphicon-comment": "Générer les retours",
        "glyphicon-envelope": "Envoyer les retours",
        "glyphicon-flash": "Corriger automatiquement"
    };

    var ATTRIBUTES = ["title", "placeholder", "aria-label", "data-original-title"];
    // Learners' work, and text typed by people: never relabelled.
    var LEARNER_CONTENT = ".rendered_html, .input_area, .output_area";
    var VERBATIM = LEARNER_CONTENT + ", pre, code, textarea, script, style";

    function french(text) {
        var trimmed = text.trim();
        if (!trimmed) {
            return null;
        }
        var translated = Object.prototype.hasOwnProperty.call(LABELS, trimmed) ? LABELS[trimmed] : null;
        for (var i = 0; translated === null && i < PATTERNS.length; i++) {
            var match = PATTERNS[i][0].exec(trimmed);
            if (match) {
                translated = PATTERNS[i][1](match);
            }
        }
        if (translated === null || translated === trimmed) {
            return null;
        }
        return text.replace(trimmed, translated);
    }

    function relabelText(node) {
        var parent = node.parentElement;
        if (!parent || parent.closest(VERBATIM)) {
            return;
        }
        var translated = french(node.nodeValue);
        if (translated !== null) {
            node.nodeValue = translated;
        }
    }

    function relabelAttribute(element, name) {
        var value = element.getAttribute(name);
        if (value === null || element.closest(LEARNER_CONTENT)) {
            return;
        }
        var translated = french(value);
        if (translated !== null) {
            element.setAttribute(name, translated);
        }
    }

    function nameIcon(link) {
        if (link.textContent.trim() || link.hasAttribute("aria-label")) {
            return;
        }
        for (var icon in ICON_NAMES) {
            if (link.querySelector("." + icon)) {
                link.setAttribute("aria-label", ICON_NAMES[icon]);
                link.setAttribute("title", ICON_NAMES[icon]);
                return;
            }
        }
    }

    function relabelTree(root) {
        if (root.nodeType === Node.TEXT_NODE) {
            relabelText(root);
            return;
        }
        if (root.nodeType !== Node.ELEMENT_NODE) {
            return;
        }
        var elements = [root].concat(Array.prototype.slice.call(root.querySelectorAll("*")));
        elements.forEach(function (element) {
            ATTRIBUTES.forEach(function (name) { relabelAttribute(element, name); });
            if (element.tagName === "A") {
                nameIcon(element);
            }
        });
        var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (var node = walker.nextNode(); node; node = walker.nextNode()) {
            relabelText(node);
        }
    }

    var observer = new MutationObserver(function (records) {
        records.forEach(function (record) {
            if (record.type === "childList") {
                record.addedNodes.forEach(relabelTree);
            } else if (record.type === "characterData") {
                relabelText(record.target);
            } else if (record.type === "attributes") {
                relabelAttribute(record.target, record.attributeName);
            }
        });
    });
    observer.observe(document.documentElement, {
        childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ATTRIBUTES
    });

    // DataTables (1.10) writes its own words: its defaults, before formgrader builds a table.
    if (window.jQuery && jQuery.fn.dataTable) {
        jQuery.extend(true, jQuery.fn.dataTable.defaults.oLanguage, {
            sSearch: "Rechercher :",
            sEmptyTable: "Aucune ligne",
            sZeroRecords: "Aucune ligne ne correspond",
            sLoadingRecords: "Chargement…",
            sProcessing: "Traitement…",
            sInfo: "Lignes _START_ à _END_ sur _TOTAL_",
            sInfoEmpty: "Aucune ligne",
            sInfoFiltered: "(filtrées parmi _MAX_)",
            sLengthMenu: "Afficher _MENU_ lignes",
            oPaginate: {sFirst: "Première", sLast: "Dernière", sNext: "Suivante", sPrevious: "Précédente"},
            oAria: {sSortAscending: " : trier par ordre croissant", sSortDescending: " : trier par ordre décroissant"}
        });
    }

    // The « show / hide all names » button: show them all when one at least is hidden, as nbgrader decides.
    window.caspToggleAllNames = function () {
        var anyHidden = jQuery(".glyphicon.name-hidden").is(":visible");
        jQuery(anyHidden ? ".glyphicon.name-hidden" : ".glyphicon.name-shown").each(function () {
            this.click();
        });
    };

    if (document.readyState !== "loading") {
        relabelTree(document.body);
    } else {
        document.addEventListener("DOMContentLoaded", function () { relabelTree(document.body); });
    }
}());
