#!/usr/bin/python3
"""Fills an 'aktkoll form' workbook the way a reviewer would, from the facts
of an NDJSON export: booleans as Ja/Nej/Uppgift saknas from the dropdown,
dates as real date cells (every third one typed as text ÅÅÅÅ-MM-DD, as
people do), enumerations as their values. Only empty cells are written:
cells pre-filled from an export are left as they are.

  review_fill.py FORM.xlsx FACTS.ndjson OUT.xlsx [--only-booleans]
"""
import datetime
import json
import sys

import openpyxl

KEY_COL, FIRST_VALUE_COL, HEADER_ROW = 1, 4, 5  # 1-based, as openpyxl counts


def occurrences(case, event_type):
    events = [e for e in case["events"] if e.get("type") == event_type]
    return sorted(events, key=lambda e: e.get("date") or "")  # stable: input order within a date


def cell_value(value, typed, counter):
    if value is None:
        return "Uppgift saknas"
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if typed == "date":
        counter[0] += 1
        if counter[0] % 3 == 0:
            return value  # typed as text
        return datetime.datetime.strptime(value, "%Y-%m-%d")
    return value


def main():
    form, facts, out = sys.argv[1:4]
    only_booleans = "--only-booleans" in sys.argv
    cases = {}
    with open(facts, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                c = json.loads(line)
                cases[c["id"]] = c
    wb = openpyxl.load_workbook(form)
    meta = wb["aktkoll"]
    counter = [0]
    for row in meta.iter_rows(min_row=5, values_only=True):
        sheet_name, case_id, n = row[0], row[1], int(row[2])
        ws, case = wb[sheet_name], cases[case_id]
        for r in range(HEADER_ROW + 1, ws.max_row + 1):
            key = ws.cell(r, KEY_COL).value
            if not key:
                continue
            parts = key.split(":")
            if parts[0] == "case":
                values = [case.get(parts[1])] if parts[1] in case else []
                typed = "value"
            else:
                events = occurrences(case, parts[1])
                if len(events) > n:
                    sys.exit(f"{case_id}: {len(events)} {parts[1]} but {n} columns")
                attr = parts[2]
                values = [e.get(attr) for e in events]
                typed = "date" if attr == "date" else "value"
            for k, v in enumerate(values):
                cell = ws.cell(r, FIRST_VALUE_COL + k)
                if cell.value is not None:
                    continue
                if only_booleans and not isinstance(v, bool):
                    continue
                if v is None and only_booleans:
                    continue
                cell.value = cell_value(v, typed, counter)
                if isinstance(cell.value, datetime.datetime):
                    cell.number_format = "yyyy-mm-dd"
    wb.save(out)


if __name__ == "__main__":
    main()
