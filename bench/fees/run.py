"""Fee benchmark: a year's fee run for 13,500 memberships and its SEPA export.

    make bench-fees                                                   # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x make bench-fees  # PostgreSQL

Uses its own database (var/bench/knotenpunkt_bench_fees.sqlite3, or the PostgreSQL
database "knotenpunkt_bench_fees" on the server DATABASE_URL names), migrates it and
creates the memberships once (bench/fees/generate.py). Each round bills a new fee year:

    fee-run     `knotenpunkt fee-run --cluster bench-fees --year Y`, as an operator runs it:
                every membership planned, 13,500 invoices with gap-free numbers and their
                lines, the fee charges, the audit entry and the mail task enqueued
    sepa-export `knotenpunkt sepa-export ... --collection-date D --out FILE` for the same
                invoices: selection, pain.008.001.08 built, validated against the schema,
                stored with one direct debit per invoice

Between the two (not timed) the pre-notifications of the round's invoices are recorded as
sent 14 days before D: in production the mail task records them as it mails the invoices
(PDF rendering is background work; its cost per invoice is measured on a sample, apart).
The startup floor is the same command refusing an unknown cluster (interpreter, Django,
database check). Environment: BENCH_MEMBERSHIPS (13500), BENCH_ROUNDS (3, at most 3: the
fee years around the collection date). The last line printed is one JSON object.
"""

import json
import os
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
VAR = ROOT / "var" / "bench"
sys.path.insert(0, str(ROOT / "bench"))
from common import directory_bench, own_database, production_env  # noqa: E402
from common import run_python as common_run_python  # noqa: E402

TARGET_SECONDS = 60
MAIL_SAMPLE = 30

PRE_NOTIFY = """
from knotenpunkt.memberships.models import Mandate, PreNotification
from knotenpunkt.invoicing.models import Invoice
mandates = dict(Mandate.objects.filter(cluster__slug="bench-fees", status="active")
                .values_list("organisation_id", "pk"))
invoices = Invoice.objects.filter(fee_charge__run__year={year}, cluster__slug="bench-fees")
PreNotification.objects.bulk_create(
    [PreNotification(invoice_id=pk, mandate_id=mandates[org], amount=total,
                     collection_date=date.fromisoformat("{collection}"),
                     sent_on=date.fromisoformat("{sent}"))
     for pk, org, total in invoices.values_list("pk", "organisation_id", "gross_total")
     if org in mandates], batch_size=2000)
print(sum(1 for _pk, org in invoices.values_list("pk", "organisation_id") if org in mandates))
"""

MAIL_COST = """
import time
from knotenpunkt.memberships.models import FeeCharge
from knotenpunkt.memberships.services.fee_mail import mail_fee_invoice
charges = list(FeeCharge.objects.filter(run__cluster__slug="bench-fees", invoice__isnull=False,
               mailed_at__isnull=True).select_related("invoice", "invoice__cluster",
               "invoice__organisation", "run__schedule")[:{n}])
seconds = []
for charge in charges:
    started = time.perf_counter()
    mail_fee_invoice(charge)
    seconds.append(time.perf_counter() - started)
print(" ".join(f"{{s:.4f}}" for s in seconds))
"""


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def django_env(database_url: str) -> dict[str, str]:
    return production_env(
        database_url,
        VAR,
        "fees",
        ALLOWED_HOSTS="127.0.0.1",
        TASKS_BACKEND="database",
    )


def run_python(code: str, env: dict) -> str:
    # The snippets below name `date`.
    return common_run_python("from datetime import date\n" + code, env)


def timed(args: list[str], env: dict, check: bool = True) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [str(BIN / "knotenpunkt"), *args], env=env, cwd=ROOT, capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    if check and done.returncode != 0:
        raise SystemExit(f"knotenpunkt {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return seconds, done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


COLLECTION_DAY = """
from datetime import timedelta
from django.utils import timezone
from knotenpunkt.memberships.services.target2 import next_business_day
print(next_business_day(timezone.localdate() + timedelta(days=3)).isoformat())
"""


def main() -> None:
    count = int(os.environ.get("BENCH_MEMBERSHIPS", 13500))
    rounds = min(int(os.environ.get("BENCH_ROUNDS", 3)), 3)
    VAR.mkdir(parents=True, exist_ok=True)
    database_url, vendor = own_database(
        os.environ.get("DATABASE_URL", ""), f"knotenpunkt_bench_fees_{count}", VAR
    )
    env = django_env(database_url)
    log(f"migrating the {vendor} database")
    subprocess.run(
        [str(BIN / "knotenpunkt"), "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True
    )
    # A TARGET2 business day three days ahead, by the platform's own calendar.
    collection = date.fromisoformat(run_python(COLLECTION_DAY, env).strip())
    years = [collection.year - 1, collection.year, collection.year + 1][:rounds]
    log(f"preparing {count} memberships (once) and the schedules of {years}")
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench/fees/generate.py"),
            "--memberships",
            str(count),
            "--years",
            ",".join(map(str, years)),
            "--due",
            collection.isoformat(),
        ],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    floor, _out = timed(
        ["fee-run", "--cluster", "no-such-cluster", "--year", "2026"], env, check=False
    )
    results = []
    for year in years:
        log(f"fee year {year}: fee-run")
        run_s, line = timed(["fee-run", "--cluster", "bench-fees", "--year", str(year)], env)
        summary = json.loads(line)
        if summary["invoices"] == 0:
            raise SystemExit(f"year {year} was billed before: delete {database_url} to rerun")
        sent = collection - timedelta(days=14)
        mandated = int(
            run_python(PRE_NOTIFY.format(year=year, collection=collection, sent=sent), env)
        )
        log(f"fee year {year}: sepa-export of {mandated} debits")
        out = VAR / f"fees-{year}.xml"
        export_s, line = timed(
            [
                "sepa-export",
                "--cluster",
                "bench-fees",
                "--collection-date",
                collection.isoformat(),
                "--out",
                str(out),
            ],
            env,
        )
        exported = json.loads(line)
        if exported["transactions"] != mandated:
            raise SystemExit(f"exported {exported['transactions']}, expected {mandated}")
        results.append(
            {
                "year": year,
                "invoices": summary["invoices"],
                "total": summary["total"],
                "fee_run_s": round(run_s, 2),
                "debits": exported["transactions"],
                "sum": exported["sum"],
                "file_bytes": out.stat().st_size,
                "sepa_export_s": round(export_s, 2),
                "both_s": round(run_s + export_s, 2),
            }
        )
        log(f"  fee-run {run_s:.1f} s, sepa-export {export_s:.1f} s")
    log(f"mail of {MAIL_SAMPLE} invoices (PDF, e-invoice, pre-notification)")
    mail = [float(s) for s in run_python(MAIL_COST.format(n=MAIL_SAMPLE), env).split()]
    both = [r["both_s"] for r in results]
    result = {
        "benchmark": "fees",
        "database": vendor,
        "memberships": count,
        "rounds": len(results),
        "startup_floor_s": round(floor, 2),
        "fee_run_s_median": round(statistics.median(r["fee_run_s"] for r in results), 2),
        "sepa_export_s_median": round(statistics.median(r["sepa_export_s"] for r in results), 2),
        "both_s_median": round(statistics.median(both), 2),
        "both_s_max": max(both),
        "target_s": TARGET_SECONDS,
        "target_met": max(both) <= TARGET_SECONDS,
        "mail_ms_per_invoice_median": round(statistics.median(mail) * 1000, 1),
        "mail_ms_per_invoice_p90": round(sorted(mail)[int(len(mail) * 0.9) - 1] * 1000, 1),
        "runs": results,
        "machine": directory_bench().machine(),
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
    }
    print(
        f"\nFee benchmark on {vendor}: {count} memberships, median of {len(results)} fee years\n"
        f"  fee-run      {result['fee_run_s_median']:6.1f} s\n"
        f"  sepa-export  {result['sepa_export_s_median']:6.1f} s\n"
        f"  both         {result['both_s_median']:6.1f} s (max {max(both)} s, target "
        f"{TARGET_SECONDS} s)\n"
        f"  startup floor of a command {floor:.1f} s; mailing an invoice (background) "
        f"{result['mail_ms_per_invoice_median']} ms median"
    )
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
