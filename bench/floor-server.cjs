// The floor for the API benchmark: a bare Node HTTP server answering the same JSON from memory.
const { createServer } = require("node:http");
const body = process.env.FLOOR_BODY || "{}";
const server = createServer((request, response) => {
  request.resume();
  request.on("end", () => {
    response.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
    response.end(body);
  });
});
server.listen(0, "127.0.0.1", () => console.log(`floor listening on http://127.0.0.1:${server.address().port}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
