# Reads every cell of every sheet with openpyxl in read-only mode (the peer of tdbv's .xlsx
# reading in bench/xlsx/job.mjs): rows counted and numeric cells summed, so nothing is skipped.
import sys
import openpyxl

wb = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)
rows = 0
total = 0.0
for ws in wb.worksheets:
    for row in ws.iter_rows(values_only=True):
        rows += 1
        for v in row:
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                total += v
wb.close()
print(rows, total)
