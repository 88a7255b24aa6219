"""Validating a catalogue graph against our DCAT-AP.de 2.0 shapes (shapes/dcat_ap_de_2_0.ttl)
with pyshacl; the findings come back as plain tuples a test can compare."""

import functools
from pathlib import Path
from typing import NamedTuple

from pyshacl import validate
from rdflib import Graph, Namespace

SHAPES = Path(__file__).parent / "shapes" / "dcat_ap_de_2_0.ttl"
SH = Namespace("http://www.w3.org/ns/shacl#")


class Finding(NamedTuple):
    severity: str  # Violation, Warning or Info
    focus: str
    path: str | None
    constraint: str  # the SHACL constraint component without its namespace, e.g. MinCount
    message: str


@functools.cache
def shapes_graph() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


def findings(graph: Graph) -> list[Finding]:
    """Every result of validating `graph`, Violations, Warnings and Infos alike."""
    _conforms, report, _text = validate(graph, shacl_graph=shapes_graph(), inference="none")
    found = []
    for result in report.objects(None, SH.result):
        path = report.value(result, SH.resultPath)
        constraint = str(report.value(result, SH.sourceConstraintComponent))
        found.append(
            Finding(
                severity=str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[1],
                focus=str(report.value(result, SH.focusNode)),
                path=str(path) if path is not None else None,
                constraint=constraint.rsplit("#", 1)[1].removesuffix("ConstraintComponent"),
                message=str(report.value(result, SH.resultMessage)),
            )
        )
    return sorted(found)


def problems(graph: Graph) -> list[Finding]:
    """The Violations and Warnings: what a conforming catalogue has none of (an Info, such
    as the contributor ID GovData assigns, is left out)."""
    return [finding for finding in findings(graph) if finding.severity != "Info"]
