// The floor: the cheapest job on a file that any CSV tool must do, reading every byte once
// (1 MB reads) and counting the line ends. Prints the count of lines.
//   node bench/lib/floor.mjs FILE
import { closeSync, openSync, readSync } from "node:fs";

const fd = openSync(process.argv[2], "r");
const buf = Buffer.allocUnsafe(1 << 20);
let lines = 0;
for (;;) {
  const n = readSync(fd, buf, 0, buf.length, null);
  if (n === 0) break;
  let i = buf.indexOf(10);
  while (i !== -1 && i < n) {
    lines++;
    i = buf.indexOf(10, i + 1);
  }
}
closeSync(fd);
process.stdout.write(`${lines}\n`);
