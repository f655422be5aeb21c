// The floor: the cheapest job on a file that any CSV tool must do.
//   node bench/lib/floor.mjs FILE           read every byte once (1 MB blocks), count line ends
//   node bench/lib/floor.mjs --split FILE   also decode UTF-8 and split every line into fields
//                                            on the delimiter of the header line (no quoting)
// Prints the count of lines (and with --split the count of fields).
import { closeSync, openSync, readSync } from "node:fs";

const split = process.argv[2] === "--split";
const fd = openSync(process.argv[split ? 3 : 2], "r");
const buf = Buffer.allocUnsafe(1 << 20);
let lines = 0;
let fields = 0;
let delimiter = null;
let rest = "";
const decoder = new TextDecoder("utf-8");
for (;;) {
  const n = readSync(fd, buf, 0, buf.length, null);
  if (n === 0) break;
  if (!split) {
    let i = buf.indexOf(10);
    while (i !== -1 && i < n) {
      lines++;
      i = buf.indexOf(10, i + 1);
    }
    continue;
  }
  const text = rest + decoder.decode(buf.subarray(0, n), { stream: true });
  let start = 0;
  for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", start)) {
    const line = text.slice(start, nl);
    delimiter ??= line.split(";").length > line.split(",").length ? ";" : ",";
    fields += line.split(delimiter).length;
    lines++;
    start = nl + 1;
  }
  rest = text.slice(start);
}
closeSync(fd);
process.stdout.write(split ? `${lines} ${fields}\n` : `${lines}\n`);
