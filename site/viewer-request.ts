import { Script } from "node:vm";
import { API_BASE_PATH } from "../functions/routes";

/**
 * The CloudFront Function (runtime cloudfront-js-2.0, ES5.1 syntax) on the site's default
 * behaviour: a page path such as /articles/<id> has no file in the bucket, so every path whose
 * last segment has no extension, outside the API, is answered with index.html and the page's
 * router shows it. Files (assets, favicon) and the API are left alone, so their 404s stay 404s;
 * the local server runs this very code on each request (runViewerRequest).
 */
export const VIEWER_REQUEST_CODE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  var api = uri === "${API_BASE_PATH}" || uri.indexOf("${API_BASE_PATH}/") === 0;
  var file = uri.substring(uri.lastIndexOf("/") + 1).indexOf(".") !== -1;
  if (!api && !file) request.uri = "/index.html";
  return request;
}
`;

const viewerRequest = new Script(`${VIEWER_REQUEST_CODE}\nhandler(event);`);

/** Runs VIEWER_REQUEST_CODE on a viewer request as CloudFront would, and returns the URI it asks the origin for. */
export function runViewerRequest(uri: string, method = "GET"): string {
  const event = { version: "1.0", context: { eventType: "viewer-request" }, viewer: { ip: "127.0.0.1" }, request: { method, uri, querystring: {}, headers: {}, cookies: {} } };
  const request = viewerRequest.runInNewContext({ event }) as { uri: string };
  return request.uri;
}
