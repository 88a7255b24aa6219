"""CAMT.053 statements shaped like those German banks send, for the import tests.

`statement(version, *entries)` writes a whole document: group header, one statement with
account (IBAN, currency, owner, servicing bank), opening and closing balance, transaction
summary and the entries, each with its bank transaction code (GVC), details (references,
amounts, debtor and its account, agents) and the additional entry information banks fill
with the booking text. Versions: "02" (camt.053.001.02, still the most common) and "08"
(camt.053.001.08: status as <Sts><Cd>, transaction amount in TxDtls/Amt, party in
Dbtr/Pty).
"""

import io
import zipfile
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone

ACCOUNT_IBAN = "DE89370400440532013000"


@dataclass
class Entry:
    amount: str = "119.00"
    currency: str = "EUR"
    indicator: str = "CRDT"
    status: str = "BOOK"
    booked: date | None | str = "today"
    ustrd: str | None = None
    creditor_reference: str | None = None
    additional: str | None = "SEPA-GUTSCHRIFT"
    payer: str = "Nordlicht Software GmbH"
    reversal: bool = False
    # Batch booking: (amount, ustrd) per transaction; the entry amount is their sum.
    transactions: list[tuple[str, str]] = field(default_factory=list)


def _bic(version: str) -> str:
    return "BIC" if version == "02" else "BICFI"


def _status(version: str, status: str) -> str:
    return f"<Sts>{status}</Sts>" if version == "02" else f"<Sts><Cd>{status}</Cd></Sts>"


def _party(version: str, name: str) -> str:
    inner = f"<Nm>{name}</Nm><PstlAdr><Ctry>DE</Ctry><AdrLine>Holtenauer Str. 1</AdrLine>"
    inner += "<AdrLine>24105 Kiel</AdrLine></PstlAdr>"
    return inner if version == "02" else f"<Pty>{inner}</Pty>"


def _details(version: str, entry: Entry, amount: str, ustrd: str | None, number: int) -> str:
    amount_xml = f'<Amt Ccy="{entry.currency}">{amount}</Amt>'
    amounts = (
        f"<AmtDtls><TxAmt>{amount_xml}</TxAmt></AmtDtls>"
        if version == "02"
        else f"{amount_xml}<AmtDtls><InstdAmt>{amount_xml}</InstdAmt></AmtDtls>"
    )
    remittance = ""
    if ustrd is not None:
        remittance += f"<Ustrd>{ustrd}</Ustrd>"
    if entry.creditor_reference is not None:
        remittance += (
            "<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp>"
            f"<Ref>{entry.creditor_reference}</Ref></CdtrRefInf></Strd>"
        )
    return f"""
          <TxDtls>
            <Refs><AcctSvcrRef>2026{number:08d}</AcctSvcrRef>
              <EndToEndId>NOTPROVIDED</EndToEndId></Refs>
            {amounts}
            <BkTxCd><Prtry><Cd>NTRF+166+00931</Cd><Issr>DK</Issr></Prtry></BkTxCd>
            <RltdPties><Dbtr>{_party(version, entry.payer)}</Dbtr>
              <DbtrAcct><Id><IBAN>DE02120300000000202051</IBAN></Id></DbtrAcct>
              <Cdtr>{_party(version, "DiWiSH e.V.")}</Cdtr></RltdPties>
            <RltdAgts><DbtrAgt><FinInstnId><{_bic(version)}>BYLADEM1001</{_bic(version)}></FinInstnId></DbtrAgt></RltdAgts>
            {f"<RmtInf>{remittance}</RmtInf>" if remittance else ""}
          </TxDtls>"""


def _entry(version: str, entry: Entry, number: int) -> str:
    booked = timezone.localdate() if entry.booked == "today" else entry.booked
    transactions = entry.transactions or [(entry.amount, entry.ustrd)]
    amount = (
        f"{sum(Decimal(a) for a, _u in entry.transactions):.2f}"
        if entry.transactions
        else entry.amount
    )
    details = "".join(
        _details(version, entry, tx_amount, tx_ustrd, number * 10 + i)
        for i, (tx_amount, tx_ustrd) in enumerate(transactions)
    )
    batch = f"<Btch><NbOfTxs>{len(transactions)}</NbOfTxs></Btch>" if entry.transactions else ""
    return f"""
      <Ntry>
        <NtryRef>{number}</NtryRef>
        <Amt Ccy="{entry.currency}">{amount}</Amt>
        <CdtDbtInd>{entry.indicator}</CdtDbtInd>
        {"<RvslInd>true</RvslInd>" if entry.reversal else ""}
        {_status(version, entry.status)}
        {f"<BookgDt><Dt>{booked.isoformat()}</Dt></BookgDt>" if booked else ""}
        <ValDt><Dt>{(booked or timezone.localdate()).isoformat()}</Dt></ValDt>
        <AcctSvcrRef>2026{number:08d}</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn>
          <Prtry><Cd>NTRF+166+00931</Cd><Issr>DK</Issr></Prtry></BkTxCd>
        <NtryDtls>{batch}{details}
        </NtryDtls>
        {f"<AddtlNtryInf>{entry.additional}</AddtlNtryInf>" if entry.additional else ""}
      </Ntry>"""


def statement(version: str = "02", *entries: Entry, statement_id: str = "1") -> bytes:
    """A CAMT.053 document (camt.053.001.<version>) with one statement of `entries`."""
    today = timezone.localdate().isoformat()
    body = "".join(_entry(version, entry, n) for n, entry in enumerate(entries, start=1))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.{version}"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>camt053-{statement_id}-{today}</MsgId>
      <CreDtTm>{today}T06:12:44.0+01:00</CreDtTm>
      <MsgPgntn><PgNb>1</PgNb><LastPgInd>true</LastPgInd></MsgPgntn></GrpHdr>
    <Stmt>
      <Id>{statement_id}</Id>
      <ElctrncSeqNb>{statement_id}</ElctrncSeqNb>
      <CreDtTm>{today}T06:12:44.0+01:00</CreDtTm>
      <Acct><Id><IBAN>{ACCOUNT_IBAN}</IBAN></Id><Ccy>EUR</Ccy>
        <Ownr><Nm>DiWiSH e.V.</Nm></Ownr>
        <Svcr><FinInstnId><{_bic(version)}>COBADEFFXXX</{_bic(version)}></FinInstnId></Svcr></Acct>
      <Bal><Tp><CdOrPrtry><Cd>PRCD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">1000.00</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>{today}</Dt></Dt></Bal>
      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">1119.00</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>{today}</Dt></Dt></Bal>
      <TxsSummry><TtlNtries><NbOfNtries>{len(entries)}</NbOfNtries></TtlNtries></TxsSummry>
      {body}
    </Stmt>
  </BkToCstmrStmt>
</Document>""".encode()


def zipped(*files: tuple[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files:
            archive.writestr(name, content)
    return out.getvalue()
