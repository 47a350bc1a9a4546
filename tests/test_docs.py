"""The French user guides under docs/: what they cite must exist.

Every `casp` command and option is checked against the CLI parser (`course.cli.build_parser`),
every `nbgrader` command and option against nbgrader's own applications, every `make` target
against the Makefile, every relative link and anchor against the files and their headings,
every CSV header against the constants of the code that reads or writes it, and every
screenshot against the names the browser tests produce (docs/images/<name>). Each guide must
keep the sections its readers look for. The checkers are plain functions, so the last test
feeds them wrong documents to show that they do fail.
"""
from __future__ import annotations

import argparse
import glob
import re
import shlex
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pytest

from course.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
IMAGES = DOCS / "images"
INDEX = "README.md"

# The screenshots the browser tests save (tests/browser, `make docs-images`), by exact name.
SCREENSHOTS = (
    "apprenant-01-lab-francais.png",
    "apprenant-02-execution.png",
    "apprenant-03-widget.png",
    "apprenant-04-auto-verification.png",
    "apprenant-05-devoirs.png",
    "apprenant-06-devoir-rendu.png",
    "formateur-01-lab.png",
    "correcteur-01-formgrader.png",
    "correcteur-02-copie.png",
    "correcteur-03-note-commentaire.png",
    "livret-vision-normale.png",
    "livret-deuteranopie.png",
    "tableau-de-bord-vision-normale.png",
    "tableau-de-bord-deuteranopie.png",
)

# Each guide: its title and the sections (level-2 headings) its readers rely on, in this order.
GUIDES = {
    "guide-apprenant.md": ("Guide de l'apprenant", (
        "Ouvrir le cours",
        "L'écran de JupyterLab",
        "Récupérer un devoir",
        "Lire l'en-tête et la grille d'évaluation",
        "Exécuter une cellule",
        "Compléter une cellule de code",
        "Rédiger vos réponses écrites",
        "Utiliser les outils interactifs",
        "Vérifier votre copie avant de la rendre",
        "Enregistrer, valider et rendre",
        "Recevoir votre retour",
        "En cas de problème",
        "Glossaire",
    )),
    "guide-formateur.md": ("Guide du formateur", (
        "Installer le cours",
        "Le catalogue, source unique de vérité",
        "Inscrire les apprenants",
        "Diffuser un devoir",
        "Ouvrir JupyterLab en formateur",
        "Ramasser les copies",
        "Corriger automatiquement",
        "Travaux d'équipe",
        "Rendre les retours aux apprenants",
        "Les rapports : livrets, tableau de bord, exports",
        "Les jeux de données et leurs fiches",
        "Un carnet de notes PostgreSQL",
        "En cas de problème",
    )),
    "guide-correcteur-jury.md": ("Guide du correcteur et du jury", (
        "Critères, niveaux et points",
        "Corriger dans formgrader",
        "Suivre l'avancement de la correction",
        "La double correction",
        "Accord entre correcteurs et modération",
        "Les épreuves orales : la feuille du jury",
        "Décisions par bloc",
        "Le livret de certification",
        "Le journal d'audit",
        "En cas de problème",
    )),
    "guide-auteur.md": ("Guide de l'auteur", (
        "Le dossier d'un devoir",
        "Créer un devoir à partir du modèle",
        "Écrire le notebook en MyST",
        "Les valeurs attendues : attendus.py",
        "Les tests cachés : une vérification par ligne",
        "Les mutants : prouver que les tests peuvent échouer",
        "Les outils interactifs et les fichiers distribués",
        "Les jeux de données et leurs fiches",
        "Valider, construire, diffuser",
        "Les règles d'évaluation du cours",
        "Les conventions d'écriture",
        "En cas de problème",
    )),
    "guide-installation-hub.md": ("Guide d'installation du hub", (
        "Ce que le hub installe",
        "Installer sur un serveur Debian",
        "La démonstration",
        "Les comptes",
        "Plusieurs promotions, plusieurs cours",
        "Corriger dans le hub : formgrader",
        "Sauvegarder le carnet de notes",
        "Passer en production",
        "En cas de problème",
    )),
}

# What each guide must at least show its readers how to run (command, sub-action).
REQUIRED_COMMANDS = {
    "guide-installation-hub.md": {("hub",), ("hub", "comptes")},
    "guide-auteur.md": {("new",), ("validate",), ("build",), ("release",), ("check",), ("data",)},
    "guide-apprenant.md": {("lab",)},
    "guide-formateur.md": {
        ("check",), ("build",), ("release",), ("lab",), ("autograde",), ("restore",), ("teams", "import"),
        ("teams", "apply"), ("reports",), ("data",), ("demo",),
    },
    "guide-correcteur-jury.md": {
        ("review",), ("second-marks",), ("agreement",), ("moderate",), ("jury", "sheet"), ("jury", "import"),
        ("blocs",), ("profil",), ("jury", "decision"), ("jury", "pv"), ("jury", "rouvrir"),
    },
}

# Repository folders whose paths, when a guide cites them, must exist (`<devoir>` matches anything).
TRACKED_TOP = {"assignments", "course", "source", "release", "tests", "docs"}


# --------------------------------------------------------------------------- reading Markdown


@dataclass
class Document:
    """A Markdown file split into code (fenced blocks, inline spans) and prose (everything else)."""

    name: str
    code: list[tuple[int, str]] = field(default_factory=list)   # (line, text) of code
    prose: list[tuple[int, str]] = field(default_factory=list)  # (line, text without inline code)
    headings: list[tuple[int, str]] = field(default_factory=list)  # (level, text)


FENCE = re.compile(r"^\s*(```|~~~)")
INLINE_CODE = re.compile(r"`([^`\n]+)`")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def parse(name: str, text: str) -> Document:
    document = Document(name)
    fenced = False
    for number, line in enumerate(text.splitlines(), start=1):
        if FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            document.code.append((number, line))
            continue
        heading = HEADING.match(line)
        if heading:
            document.headings.append((len(heading.group(1)), heading.group(2)))
        document.code += [(number, span) for span in INLINE_CODE.findall(line)]
        document.prose.append((number, INLINE_CODE.sub(" ", line)))
    return document


@lru_cache(maxsize=None)
def load(name: str) -> Document:
    return parse(name, (DOCS / name).read_text(encoding="utf-8"))


def all_documents() -> list[Document]:
    return [load(name) for name in (INDEX, *GUIDES)]


# --------------------------------------------------------------------------- commands cited in code

COMMAND_END = re.compile(r"\s(?:&&|\|\||\||;|>|2>)\s|\s#|\s*$")


def invocations(code: list[tuple[int, str]], program: str) -> list[tuple[int, list[str]]]:
    """Every `program …` in the code, as (line, arguments after the program name)."""
    start = re.compile(rf"(?:^|(?<=[\s;&|(\"']))(?:[\w./-]*/)?{re.escape(program)}(?=\s|$)")
    found = []
    for number, text in code:
        text = re.sub(r"(?:^|\s)#.*$", "", text)  # a shell comment cites nothing
        for match in start.finditer(text):
            rest = text[match.end():]
            rest = rest[:COMMAND_END.search(rest).start()]
            try:
                tokens = shlex.split(rest)
            except ValueError:  # an unbalanced quote in a code span: plain words are enough here
                tokens = rest.split()
            if tokens:
                found.append((number, tokens))
    return found


def _placeholder(token: str) -> bool:
    """DIR, <fichier>, [ASSIGNMENT…], ... stand for a value the reader chooses."""
    return bool(re.search(r"[<>…]|\.\.\.", token)) or token.isupper()


def _option(token: str) -> str | None:
    token = token.strip("[]")
    return token.split("=", 1)[0] if re.match(r"^--?[A-Za-z]", token) else None


def _takes_value(action: argparse.Action) -> bool:
    return action.nargs != 0


def check_casp(tokens: list[str], parser: argparse.ArgumentParser) -> list[str]:
    """Problems with one `casp …` invocation: unknown command, option or choice."""
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    problems: list[str] = []
    index = 0
    while index < len(tokens) and _option(tokens[index]):  # global options: --course-dir DIR
        option = _option(tokens[index])
        action = parser._option_string_actions.get(option)
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if action is None:
            problems.append(f"option globale inconnue {option}")
            if "=" not in tokens[index] and following not in subparsers.choices:
                index += 1  # its value, presumably
        elif "=" not in tokens[index] and _takes_value(action):
            index += 1
        index += 1
    if index >= len(tokens):
        return problems + ["commande casp sans sous-commande"]
    command = tokens[index]
    sub = subparsers.choices.get(command)
    if sub is None:
        return problems + [f"sous-commande inconnue « {command} » (connues : {', '.join(subparsers.choices)})"]
    rest = tokens[index + 1:]
    nested = next((a for a in sub._actions if isinstance(a, argparse._SubParsersAction)), None)
    if nested is not None and rest and rest[0] in nested.choices:  # an action's own options: `casp jury pv --date`
        command, sub, rest = f"{command} {rest[0]}", nested.choices[rest[0]], rest[1:]
    positionals = [a for a in sub._actions if not a.option_strings]
    words: list[str] = []
    skip = False
    for position, token in enumerate(rest):
        if skip:
            skip = False
            continue
        option = _option(token)
        if option is None:
            words.append(token)
            continue
        action = sub._option_string_actions.get(option)
        if action is None:
            problems.append(f"casp {command} : option inconnue {option}")
            continue
        if _takes_value(action) and "=" not in token:
            skip = True
            value = rest[position + 1].strip("[]") if position + 1 < len(rest) else ""
        else:
            value = token.split("=", 1)[1] if "=" in token else ""
        if action.choices and value and not _placeholder(value):
            wrong = [v for v in value.split("|") if v not in action.choices]
            if wrong:
                problems.append(f"casp {command} {option} : valeur inconnue {', '.join(wrong)} "
                                f"(valeurs possibles : {', '.join(map(str, action.choices))})")
    for action, word in zip(positionals, words):
        if action.choices and not _placeholder(word) and word not in action.choices:
            problems.append(f"casp {command} : « {word} » n'est pas l'un de {', '.join(action.choices)}")
    return problems


@lru_cache(maxsize=None)
def nbgrader_app(path: tuple[str, ...]):
    """The nbgrader application for `nbgrader <path…>` (e.g. ('db', 'student', 'add')), or None."""
    from nbgrader.apps.nbgraderapp import NbGraderApp
    from traitlets.utils.importstring import import_item

    app_class = NbGraderApp
    for word in path:
        subcommands = app_class().subcommands or {}
        if word not in subcommands:
            return None
        target = subcommands[word][0]
        app_class = import_item(target) if isinstance(target, str) else target
    return app_class()


def check_nbgrader(tokens: list[str]) -> list[str]:
    """Problems with one `nbgrader …` invocation: unknown subcommand or option."""
    path: list[str] = []
    for token in tokens:
        if _option(token) or _placeholder(token):
            break
        candidate = (*path, token)
        app = nbgrader_app(candidate)
        if app is None:
            break
        path.append(token)
    if not path:
        return [f"sous-commande nbgrader inconnue « {tokens[0]} »"]
    app = nbgrader_app(tuple(path))
    known = {f"--{name}" for name in [*app.aliases, *app.flags] if isinstance(name, str)}
    return [f"nbgrader {' '.join(path)} : option inconnue {option}"
            for option in (_option(token) for token in tokens) if option and option not in known]


MAKE = re.compile(r"(?:^|(?<=[\s;&|(]))make((?:\s+[A-Z_]+=\S+)*)\s+([a-z][\w.-]*)")
MAKE_RULE = re.compile(r"^([A-Za-z0-9_][^\s:=$]*(?:[ \t]+[A-Za-z0-9_][^\s:=$]*)*)[ \t]*::?(?!=)")


def make_targets(makefile: str) -> set[str]:
    """Targets that have a rule in the Makefile (names only listed in .PHONY do not count)."""
    targets: set[str] = set()
    for line in makefile.splitlines():
        match = MAKE_RULE.match(line)
        if match:
            targets.update(match.group(1).split())
    return targets


def cited_make_targets(document: Document) -> list[tuple[int, str]]:
    return [(number, match.group(2)) for number, text in document.code
            for match in MAKE.finditer(re.sub(r"(?:^|\s)#.*$", "", text))]


PROSE_COMMAND = re.compile(r"\b(casp|make|nbgrader)\s+(--?[a-z][\w-]*|[a-z][\w-]*)")


def commands_in_prose(document: Document, parser: argparse.ArgumentParser, targets: set[str]) -> list[str]:
    """Commands written in plain prose, where the checks above cannot see them: they belong in `code`."""
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    problems = []
    for number, text in document.prose:
        for match in PROSE_COMMAND.finditer(text):
            program, word = match.groups()
            command = (word.startswith("-") or word in subparsers.choices if program == "casp"
                       else word in targets if program == "make"
                       else nbgrader_app((word,)) is not None)
            if command:
                problems.append(f"{document.name}:{number} : « {match.group(0)} » à écrire comme du code")
    return problems


# --------------------------------------------------------------------------- links and anchors

LINK = re.compile(r"(!?)\[([^\]]*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


def links(document: Document) -> list[tuple[int, bool, str, str]]:
    """(line, is_image, text, target) for each link of the prose."""
    return [(number, bang == "!", text, target)
            for number, line in document.prose for bang, text, target in LINK.findall(line)]


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped (letters with accents kept), spaces → -."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def anchors(document: Document) -> set[str]:
    seen: dict[str, int] = {}
    result = set()
    for _level, text in document.headings:
        base = slug(text)
        count = seen.get(base, 0)
        result.add(base if count == 0 else f"{base}-{count}")
        seen[base] = count + 1
    return result


def check_links(document: Document, folder: Path) -> list[str]:
    problems = []
    for number, is_image, _text, target in links(document):
        if is_image or re.match(r"^[a-z][a-z0-9+.-]*:", target):
            continue  # images have their own test; http:, mailto: are not files
        path_part, _, fragment = target.partition("#")
        path = (folder / path_part).resolve() if path_part else folder / document.name
        if not path.exists():
            problems.append(f"{document.name}:{number} : lien vers {target} : fichier introuvable")
            continue
        if fragment and path.suffix == ".md":
            targets = anchors(parse(path.name, path.read_text(encoding="utf-8")))
            if fragment not in targets:
                problems.append(f"{document.name}:{number} : lien vers {target} : ancre #{fragment} introuvable")
    return problems


def images(document: Document) -> list[tuple[int, str, str]]:
    return [(number, text, target) for number, is_image, text, target in links(document) if is_image]


def check_image_names(document: Document) -> list[str]:
    problems = []
    for number, text, target in images(document):
        name = target.removeprefix("images/")
        if not target.startswith("images/") or name not in SCREENSHOTS:
            problems.append(f"{document.name}:{number} : image {target} : pas l'une des captures images/<nom> "
                            "produites par les tests du navigateur")
        if len(text.split()) < 4:
            problems.append(f"{document.name}:{number} : image {target} : texte alternatif trop court « {text} »")
    return problems


# --------------------------------------------------------------------------- CSV headers


def known_headers() -> dict[str, tuple[str, ...]]:
    """Every header a guide may print, from the code that reads or writes the file."""
    from course.grading.blind import SHEET_COLUMNS as BLIND_SHEET_COLUMNS
    from course.grading.double_marking import OPTIONAL_COLUMNS, SECOND_MARK_COLUMNS
    from course.grading.jury import COLUMNS as JURY_COLUMNS
    from course.grading.moderation import MODERATION_COLUMNS
    from course.grading.teams import ROSTER_COLUMNS
    from course.nbgrader_ext.cohort_autograde import STATUS_HEADERS
    from course.grading.deadlines import DUE_COLUMNS, EXTENSION_COLUMNS
    from course.reports.exports import BLOC_HEADERS, CRITERIA_HEADERS

    return {
        "second correcteur": SECOND_MARK_COLUMNS + OPTIONAL_COLUMNS,
        "second correcteur, feuille anonyme": BLIND_SHEET_COLUMNS,
        "modération": MODERATION_COLUMNS + OPTIONAL_COLUMNS,
        "jury": JURY_COLUMNS,
        "équipes": ROSTER_COLUMNS,
        "échéances": DUE_COLUMNS,
        "prolongations": EXTENSION_COLUMNS,
        "statuts de correction": STATUS_HEADERS,
        "notes par critère": CRITERIA_HEADERS,
        "décisions par bloc": BLOC_HEADERS,
    }


HEADER_LINE = re.compile(r"^[a-z_]+(?:;[a-z_]+)+$")


def check_headers(document: Document, headers: dict[str, tuple[str, ...]]) -> list[str]:
    valid = {";".join(columns) for columns in headers.values()}
    return [f"{document.name}:{number} : en-tête CSV « {text.strip()} » inconnu du code"
            for number, text in document.code if HEADER_LINE.match(text.strip()) and text.strip() not in valid]


# --------------------------------------------------------------------------- repository paths

REPO_PATH = re.compile(r"^[\w.-]+(?:/[\w.<>…-]+)+/?$")


def check_repo_paths(document: Document) -> list[str]:
    problems = []
    for number, text in document.code:
        text = text.strip()
        if not REPO_PATH.match(text) or text.split("/", 1)[0] not in TRACKED_TOP:
            continue
        pattern = re.sub(r"<[^>]+>", "*", text.rstrip("/"))
        if not glob.glob(str(ROOT / pattern)):
            problems.append(f"{document.name}:{number} : chemin {text} introuvable dans le dépôt")
    return problems


# --------------------------------------------------------------------------- tests


@pytest.fixture(scope="module")
def parser() -> argparse.ArgumentParser:
    return build_parser()


def test_every_guide_exists_and_the_index_links_to_each():
    for name in (INDEX, *GUIDES):
        assert (DOCS / name).is_file(), f"docs/{name} manque"
    targets = {target for _n, _img, _t, target in links(load(INDEX))}
    assert set(GUIDES) <= targets, f"docs/README.md ne renvoie pas vers {sorted(set(GUIDES) - targets)}"


@pytest.mark.parametrize("name", list(GUIDES))
def test_each_guide_has_its_title_and_sections(name):
    title, sections = GUIDES[name]
    document = load(name)
    assert document.headings[0] == (1, title)
    found = [text for level, text in document.headings if level == 2]
    missing = [section for section in sections if section not in found]
    assert not missing, f"{name} : sections manquantes {missing}"
    ordered = [text for text in found if text in sections]
    assert ordered == list(sections), f"{name} : sections dans le désordre {ordered}"


def test_every_casp_command_and_option_is_real(parser):
    problems = []
    for document in all_documents():
        for number, tokens in invocations(document.code, "casp"):
            problems += [f"{document.name}:{number} : {p} (dans « casp {' '.join(tokens)} »)"
                         for p in check_casp(tokens, parser)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", list(GUIDES))
def test_each_guide_shows_the_commands_of_its_readers(name, parser):
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    cited = set()
    for _number, tokens in invocations(load(name).code, "casp"):
        words = [t for t in tokens if not t.startswith("-")]
        if words and words[0] in subparsers.choices:
            cited.add((words[0],))
            cited.update({tuple(words[:2])} if len(words) > 1 else set())
    missing = sorted(REQUIRED_COMMANDS[name] - cited)
    assert not missing, f"{name} ne montre pas : {['casp ' + ' '.join(c) for c in missing]}"


def test_commands_are_written_as_code(parser):
    """A command in plain prose would escape the checks above: commands go in `code`."""
    targets = make_targets((ROOT / "Makefile").read_text(encoding="utf-8"))
    problems = [p for d in all_documents() for p in commands_in_prose(d, parser, targets)]
    assert not problems, "\n".join(problems)


def test_every_nbgrader_command_and_option_is_real():
    problems = []
    for document in all_documents():
        for number, tokens in invocations(document.code, "nbgrader"):
            problems += [f"{document.name}:{number} : {p}" for p in check_nbgrader(tokens)]
    assert not problems, "\n".join(problems)


def test_every_make_target_exists():
    targets = make_targets((ROOT / "Makefile").read_text(encoding="utf-8"))
    problems = [f"{d.name}:{number} : make {target} : cible absente du Makefile"
                for d in all_documents() for number, target in cited_make_targets(d) if target not in targets]
    assert not problems, "\n".join(problems)


def test_every_relative_link_and_anchor_resolves():
    problems = [p for d in all_documents() for p in check_links(d, DOCS)]
    assert not problems, "\n".join(problems)


def test_every_cited_repository_path_exists():
    problems = [p for d in all_documents() for p in check_repo_paths(d)]
    assert not problems, "\n".join(problems)


def test_every_csv_header_matches_the_code():
    headers = known_headers()
    problems = [p for d in all_documents() for p in check_headers(d, headers)]
    assert not problems, "\n".join(problems)


def test_images_are_the_browser_screenshots_with_descriptive_text():
    problems = [p for d in all_documents() for p in check_image_names(d)]
    assert not problems, "\n".join(problems)
    used = {target.removeprefix("images/") for d in all_documents() for _n, _t, target in images(d)}
    assert sorted(set(SCREENSHOTS) - used) == [], "captures jamais montrées dans les guides"


def test_every_referenced_screenshot_exists():
    """Fails until the browser tests have written the screenshots (`make docs-images`): it names them."""
    referenced = sorted({target.removeprefix("images/") for d in all_documents() for _n, _t, target in images(d)})
    missing = [name for name in referenced if not (IMAGES / name).is_file()]
    assert not missing, (f"{len(missing)} capture(s) manquante(s) dans docs/images/ : {', '.join(missing)} "
                         "(lancez `make docs-images`)")
    not_png = [name for name in referenced if not (IMAGES / name).read_bytes().startswith(b"\x89PNG\r\n\x1a\n")]
    assert not not_png, f"pas des images PNG : {', '.join(not_png)}"


def test_the_checkers_catch_mistakes(parser, tmp_path):
    """Each checker, fed a wrong document, reports exactly the mistakes planted in it."""
    wrong = parse("faux.md", "\n".join([
        "# Faux",
        "## Une section",
        "Lancez `casp revue`, puis `casp review --tout` et `casp --dossier x blocs`.",
        "```bash",
        "casp jury feuille fiche.csv   # sous-action inconnue",
        "casp reports --moodle-key courriel",
        "casp teams import equipes.csv && casp teams apply --acteur X",
        "nbgrader colect m13",
        "nbgrader collect --mise-a-jour m13",
        "make lab-stagiaire",
        "apprenant;devoir;critere;note",
        "```",
        "Voir `assignments/m99_inconnu.yaml` et `course/data/cards/<jeu>.md`.",
        "Puis lancez casp review dans le terminal.",
        "[cassé](inexistant.md) [ancre](#une-section) [mauvaise ancre](#aucune)",
        "![x](images/autre.png)",
    ]))
    casp_problems = [p for _n, tokens in invocations(wrong.code, "casp") for p in check_casp(tokens, parser)]
    assert [p.split(" (")[0] for p in casp_problems] == [
        "sous-commande inconnue « revue »",
        "casp review : option inconnue --tout",
        "option globale inconnue --dossier",
        "casp jury : « feuille » n'est pas l'un de sheet, import, decision, pv, rouvrir",
        "casp reports --moodle-key : valeur inconnue courriel",
        "casp teams : option inconnue --acteur",
    ]
    assert [p for _n, tokens in invocations(wrong.code, "nbgrader") for p in check_nbgrader(tokens)] == [
        "sous-commande nbgrader inconnue « colect »",
        "nbgrader collect : option inconnue --mise-a-jour",
    ]
    assert cited_make_targets(wrong) == [(10, "lab-stagiaire")]
    assert "lab-stagiaire" not in make_targets((ROOT / "Makefile").read_text(encoding="utf-8"))
    assert check_headers(wrong, known_headers()) == ["faux.md:11 : en-tête CSV « apprenant;devoir;critere;note » "
                                                     "inconnu du code"]
    assert check_repo_paths(wrong) == ["faux.md:13 : chemin assignments/m99_inconnu.yaml introuvable dans le dépôt"]
    (tmp_path / "faux.md").write_text("## Une section\n", encoding="utf-8")
    assert check_links(wrong, tmp_path) == [
        "faux.md:15 : lien vers inexistant.md : fichier introuvable",
        "faux.md:15 : lien vers #aucune : ancre #aucune introuvable",
    ]
    assert check_image_names(wrong) == [
        "faux.md:16 : image images/autre.png : pas l'une des captures images/<nom> produites par les tests du "
        "navigateur",
        "faux.md:16 : image images/autre.png : texte alternatif trop court « x »",
    ]
    assert commands_in_prose(wrong, parser, {"demo"}) == ["faux.md:14 : « casp review » à écrire comme du code"]
    assert slug("Les rapports : livrets, tableau de bord, exports") == "les-rapports--livrets-tableau-de-bord-exports"
    assert slug("L'écran de JupyterLab") == "lécran-de-jupyterlab"


def test_authors_guide_quotes_the_one_anonymisation_rule():
    """The rule is written once (course/learner/regle_anonymisation.yaml): the author's guide quotes each item."""
    from course.learner.anonymisation import regle_anonymisation

    rule = regle_anonymisation()
    guide = (DOCS / "guide-auteur.md").read_text(encoding="utf-8")
    missing = [item for _heading, items in (rule.directe, rule.indirecte) for item in items if item not in guide]
    assert missing == []
    assert rule.directe[0] in guide and rule.indirecte[0] in guide
