import { readFileSync } from "node:fs";
import { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import { SiteBuild } from "../site/build";
import { runViewerRequest } from "../site/viewer-request";

/**
 * Serves the built site as CloudFront serves the bucket: only the files of the build, page paths
 * (/, /articles/<id>) as index.html through CloudFront's own viewer-request function, with each
 * file's content type and cache policy.
 */
export function siteRequestHandler(site: SiteBuild): (request: IncomingMessage, response: ServerResponse) => void {
  const files = new Map(site.files.map((file) => [`/${file.key}`, { ...file, body: readFileSync(join(site.dir, file.key)) }]));
  return (request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const file = files.get(runViewerRequest(path, request.method));
    if (!file || (request.method !== "GET" && request.method !== "HEAD")) {
      const body = "Not found\n";
      response.writeHead(file ? 405 : 404, { "Content-Type": "text/plain; charset=utf-8", "Content-Length": Buffer.byteLength(body) });
      response.end(request.method === "HEAD" ? undefined : body);
      return;
    }
    response.writeHead(200, {
      "Content-Type": file.contentType,
      "Cache-Control": file.cacheControl,
      "Content-Length": file.body.length,
      ETag: `"${file.md5}"`,
    });
    response.end(request.method === "HEAD" ? undefined : file.body);
  };
}
