"""argparse in French for `casp`: its own words (usage, headings, -h, error messages) through its gettext hook.

argparse looks each of its messages up, when it needs it, through the two names it imported from gettext
(`from gettext import gettext as _, ngettext`). Python ships no French catalogue for them, and gettext would
choose the language from the environment, whereas casp always speaks French. So while a `FrenchArgumentParser`
builds itself, parses a command line or formats its help, these two names of the argparse module point at the
French catalogue below, and they are put back afterwards: other parsers of the same process (traitlets', pytest's)
keep their own words. The catalogue covers the messages of Python 3.11 to 3.14 (tests/test_cli.py checks it
against the running interpreter's argparse); a message it does not know is left as argparse wrote it.
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import re
from collections.abc import Iterator


class _Counted(str):
    """A message whose `%` picks the singular or the plural from the list it is given (`sep`-joined names)."""

    def __new__(cls, singular: str, plural: str, sep: str = ", "):
        message = super().__new__(cls, singular)
        message.plural, message.sep = plural, sep
        return message

    def __mod__(self, value):
        several = isinstance(value, str) and self.sep in value.strip()
        return (self.plural if several else str(self)) % value


# msgid (argparse's English) → French. Values are %-formatted by argparse with the same keys; `%r` of a value a
# learner or a trainer typed becomes « %s » (French quotes, no Python repr).
MESSAGES: dict[str, str] = {
    # help
    "usage: ": "utilisation : ",
    "positional arguments": "arguments positionnels",
    "options": "options",
    "subcommands": "sous-commandes",
    "%(heading)s:": "%(heading)s :",
    "show this help message and exit": "afficher ce message d'aide et quitter",
    "show program's version number and exit": "afficher la version du programme et quitter",
    " (default: %(default)s)": " (par défaut : %(default)s)",
    # errors of the person typing the command
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "%(prog)s: warning: %(message)s\n": "%(prog)s : avertissement : %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "the following arguments are required: %s": _Counted("argument requis manquant : %s",
                                                         "arguments requis manquants : %s"),
    "one of the arguments %s is required": "l'un des arguments %s est requis",
    "unrecognized arguments: %s": _Counted("argument non reconnu : %s", "arguments non reconnus : %s", sep=" "),
    "invalid choice: %(value)r (choose from %(choices)s)":
        "choix invalide : « %(value)s » (choisissez parmi %(choices)s)",
    "invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)":
        "choix invalide : « %(value)s » ; vouliez-vous dire « %(closest)s » ? (choisissez parmi %(choices)s)",
    "invalid %(type)s value: %(value)r": "valeur invalide (%(type)s attendu) : « %(value)s »",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "commande inconnue « %(parser_name)s » (commandes possibles : %(choices)s)",
    "expected one argument": "une valeur est attendue",
    "expected at most one argument": "une valeur au plus est attendue",
    "expected at least one argument": "au moins une valeur est attendue",
    "ambiguous option: %(option)s could match %(matches)s":
        "option ambiguë : %(option)s peut désigner %(matches)s",
    "ignored explicit argument %r": "valeur « %s » en trop : cette option n'en prend pas",
    "not allowed with argument %s": "incompatible avec l'argument %s",
    "unexpected option string: %s": "option inattendue : %s",
    "can't open '%(filename)s': %(error)s": "impossible d'ouvrir « %(filename)s » : %(error)s",
    "argument '%(argument_name)s' is deprecated": "l'argument « %(argument_name)s » est obsolète",
    "command '%(parser_name)s' is deprecated": "la commande « %(parser_name)s » est obsolète",
    "option '%(option)s' is deprecated": "l'option « %(option)s » est obsolète",
    # errors in the parser's own definition (casp's code)
    'argument "-" with mode %r': "argument « - » avec le mode %r",
    "%r is not callable": "%r n'est pas appelable",
    "'required' is an invalid argument for positionals":
        "« required » n'est pas un paramètre possible pour un argument positionnel",
    ".__call__() not defined": ".__call__() n'est pas défini",
    "cannot have multiple subparser arguments": "un seul groupe de sous-commandes est possible",
    "cannot merge actions - two groups are named %r": "fusion impossible : deux groupes s'appellent %r",
    "conflicting subparser: %s": "sous-commande en double : %s",
    "conflicting subparser alias: %s": "alias de sous-commande en double : %s",
    "dest= is required for options like %r": "dest= est requis pour une option comme %r",
    "invalid conflict_resolution value: %r": "valeur de conflict_resolution invalide : %r",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r":
        "option %(option)r invalide : elle doit commencer par l'un des caractères %(prefix_chars)r",
    "mutually exclusive arguments must be optional": "des arguments mutuellement exclusifs doivent être facultatifs",
}

# (singular msgid, plural msgid) → (French singular, French plural); French uses the singular for 0 and 1.
PLURALS: dict[tuple[str, str], tuple[str, str]] = {
    ("expected %s argument", "expected %s arguments"): ("%s valeur attendue", "%s valeurs attendues"),
    ("conflicting option string: %s", "conflicting option strings: %s"): ("option en conflit : %s",
                                                                          "options en conflit : %s"),
}


def gettext_fr(message):
    """argparse's `_`: the French of `message`, or `message` itself when the catalogue does not have it."""
    return MESSAGES.get(message, message)


def ngettext_fr(singular: str, plural: str, n: int) -> str:
    """argparse's `ngettext`, in French."""
    french = PLURALS.get((singular, plural))
    if french is None:
        return singular if n == 1 else plural
    return french[0] if n in (0, 1) else french[1]


@contextlib.contextmanager
def french_messages() -> Iterator[None]:
    """argparse speaks French inside the block (re-entrant; the English hooks come back at its end)."""
    saved = {name: getattr(argparse, name) for name in ("_", "ngettext") if hasattr(argparse, name)}
    if "_" in saved:
        argparse._ = gettext_fr
    if "ngettext" in saved:
        argparse.ngettext = ngettext_fr
    try:
        yield
    finally:
        for name, hook in saved.items():
            setattr(argparse, name, hook)


def _in_french(method):
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with french_messages():
            return method(self, *args, **kwargs)

    return wrapper


class FrenchHelpFormatter(argparse.HelpFormatter):
    """The help laid out for French: a space before the colon of each heading (« options : »), as Python 3.13+
    does through the catalogue, and a wider first column for casp's long option names."""

    def __init__(self, prog, indent_increment=2, max_help_position=30, width=None, **kwargs):
        super().__init__(prog, indent_increment, max_help_position, width, **kwargs)
        self._headings: list[str] = []

    def start_section(self, heading):
        if heading and heading is not argparse.SUPPRESS:
            self._headings.append(heading)
        super().start_section(heading)

    def format_help(self):
        text = super().format_help()
        for heading in self._headings:  # Python ≤ 3.12 writes "%s:" itself, out of the catalogue's reach
            text = re.sub(rf"(?m)^(\s*){re.escape(heading)}:$", lambda m, h=heading: f"{m.group(1)}{h} :", text)
        return text


class FrenchArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser that builds, parses, helps and complains in French (its subparsers too)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", FrenchHelpFormatter)
        with french_messages():
            super().__init__(*args, **kwargs)


for _name in ("add_argument", "add_subparsers", "parse_args", "parse_known_args", "parse_intermixed_args",
              "parse_known_intermixed_args", "format_usage", "format_help", "error", "_warning"):
    if hasattr(argparse.ArgumentParser, _name):
        setattr(FrenchArgumentParser, _name, _in_french(getattr(argparse.ArgumentParser, _name)))
del _name


def entier(text: str) -> int:
    """`type=` of casp's numeric options: an integer, or a French error naming what was typed."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"« {text} » n'est pas un nombre entier") from None
