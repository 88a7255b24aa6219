"""The evidence pack: one ZIP with a PDF summary of every indicator (its value, state,
statement and evidence) and the evidence files in one folder per area.

The summary names each file's path inside the ZIP, so an assessor finds it. Files get
safe names (ASCII letters, digits and hyphens) whatever their title, and never a path of
their own choosing. The PDF is rendered in the language of whoever downloads the pack:
label bodies such as the ECEI assess in English, so staff switch the site's language to
get an English summary.
"""

import re
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import pgettext
from weasyprint import HTML

from knotenpunkt.assessments.models import Assessment, Evidence
from knotenpunkt.assessments.services.evaluation import Completeness, completeness
from knotenpunkt.core.audit import log_action

UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)
MAX_PART = 60


def safe_name(text: str, fallback: str = "file") -> str:
    """A file or folder name any system accepts: ASCII letters, digits and hyphens."""
    text = unicodedata.normalize("NFKD", text.translate(UMLAUTS))
    # Punctuation, spaces and symbols of any script separate words ("2024–2027").
    text = "".join(" " if unicodedata.category(c)[0] in "PZS" else c for c in text)
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:MAX_PART].rstrip("-") or fallback


@dataclass
class PackFile:
    evidence: Evidence
    path: str  # inside the ZIP; "" when the stored file is missing


def pack_files(result: Completeness) -> list[PackFile]:
    """Where each evidence file goes in the ZIP: one folder per area, numbered as in the
    summary; a file missing from the storage gets no path. Each evidence of the result
    learns its path as `pack_path`, which the summary prints."""
    files, taken = [], set()
    for area in result.areas:
        folder = f"{area.number:02d}-{safe_name(area.name, 'area')}"
        for item in area.indicators:
            for evidence in item.evidence:
                evidence.pack_path = ""
                if not evidence.file or not evidence.file.storage.exists(evidence.file.name):
                    files.append(PackFile(evidence, ""))
                    continue
                stem = f"{item.number}-{safe_name(evidence.title)}"
                path, n = f"{folder}/{stem}{evidence.suffix}", 1
                while path in taken:
                    n += 1
                    path = f"{folder}/{stem}-{n}{evidence.suffix}"
                taken.add(path)
                evidence.pack_path = path
                files.append(PackFile(evidence, path))
    return files


def summary_html(result: Completeness, *, with_paths: bool = False) -> str:
    assessment = result.assessment
    return render_to_string(
        "assessments/summary_pdf.html",
        {
            "assessment": assessment,
            "cluster": assessment.cluster,
            "result": result,
            "with_paths": with_paths,
            "today": timezone.localdate(),
        },
    )


def summary_pdf(result: Completeness, *, with_paths: bool = False) -> bytes:
    # PDF/UA: tagged, with headings and tables a screen reader can follow.
    html = summary_html(result, with_paths=with_paths)
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")


def summary_name() -> str:
    name = pgettext("file name in the evidence pack", "summary")
    return f"{safe_name(name, 'summary')}.pdf"


def pack_name(assessment: Assessment) -> str:
    cluster = assessment.cluster.short_name or assessment.cluster.name
    return f"{safe_name(cluster)}-{safe_name(assessment.label)}-{assessment.reference_year}.zip"


def evidence_pack(actor, assessment: Assessment):
    """The ZIP as a temporary file (at position 0), which the caller closes: the evidence
    can add up to more than a worker should hold in memory."""
    result = completeness(assessment)
    files = pack_files(result)
    archive_file = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the response
    with zipfile.ZipFile(archive_file, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(summary_name(), summary_pdf(result, with_paths=True))
        for packed in files:
            if not packed.path:
                continue
            with packed.evidence.file.open("rb") as source, archive.open(packed.path, "w") as out:
                while chunk := source.read(1024 * 1024):
                    out.write(chunk)
    archive_file.seek(0)
    log_action(
        actor,
        "assessments.pack.downloaded",
        assessment,
        indicators=result.total,
        files=sum(1 for f in files if f.path),
        percent=result.percent,
    )
    return archive_file
