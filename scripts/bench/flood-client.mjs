// The benchmark's flood, in a process of its own (as an attacker's traffic would come from
// elsewhere): `count` requests from one address, `concurrency` at a time, half a made-up key with
// a broken body, half no key at all. Prints the answers' statuses and its own CPU time as JSON when done.
import http from "node:http";

const [base, countArg, concurrencyArg, address, bogusKey, goodBody] = process.argv.slice(2);
const count = Number(countArg);
const concurrency = Number(concurrencyArg);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const statuses = {};
let next = 0;

function post(malformed) {
  const body = malformed ? "{ not json" : goodBody;
  return new Promise((resolve) => {
    const req = http.request(`${base}/qcode-img/v1/images/generations`, {
      method: "POST",
      agent,
      headers: {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
        ...(malformed ? { authorization: `Bearer ${bogusKey}` } : {}),
        "x-forwarded-for": address,
      },
    }, (res) => {
      res.on("data", () => {});
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", () => resolve(0));
    });
    req.on("error", () => resolve(0));
    req.end(body);
  });
}

await Promise.all(Array.from({ length: concurrency }, async () => {
  while (next < count) {
    const i = next++;
    const s = await post(i % 2 === 0);
    statuses[s] = (statuses[s] ?? 0) + 1;
  }
}));
agent.destroy();
const cpu = process.cpuUsage();
process.stdout.write(JSON.stringify({ statuses, cpuMs: (cpu.user + cpu.system) / 1000 }));
