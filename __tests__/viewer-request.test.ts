import { runViewerRequest } from "../site/viewer-request";

// The CloudFront Function's own code, run as CloudFront runs it: one handler, given a viewer request event.
describe("the site's viewer-request function", () => {
  it.each(["/", "/write", "/articles/AbCdEfGhIjKlMnOpQrStUv", "/articles/AbCdEfGhIjKlMnOpQrStUv/", "/no/such/page", "/apiary"])(
    "answers the page path %s with index.html",
    (uri) => expect(runViewerRequest(uri)).toBe("/index.html"),
  );

  it.each(["/index.html", "/favicon.svg", "/favicon.ico", "/assets/app-ABC.js", "/assets/missing.css", "/robots.txt"])(
    "leaves the file %s alone, so a missing one stays a 404",
    (uri) => expect(runViewerRequest(uri)).toBe(uri),
  );

  it.each(["/api", "/api/", "/api/articles", "/api/articles/AbCdEfGhIjKlMnOpQrStUv", "/api/no-such-route", "/api/openapi.json"])(
    "leaves the API path %s alone",
    (uri) => expect(runViewerRequest(uri)).toBe(uri),
  );
});
