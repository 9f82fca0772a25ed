import { likeArticle } from "../articles/likes";
import { storeFromEnvironment } from "../articles/store";
import { anonymizeIp, countryCode, deviceType, truncateUserAgent } from "../articles/viewer";
import { json, routeHandler } from "../http/handler";
import { header, pathParameter } from "../http/request";
import { ROUTES } from "../routes";

const store = storeFromEnvironment();

export const handler = routeHandler(ROUTES.likeArticle, async ({ event }) => {
  const likes = await likeArticle(store, pathParameter(event, "id"), {
    country: countryCode(header(event, "cloudfront-viewer-country")),
    deviceType: deviceType({
      desktop: header(event, "cloudfront-is-desktop-viewer"),
      mobile: header(event, "cloudfront-is-mobile-viewer"),
      tablet: header(event, "cloudfront-is-tablet-viewer"),
      smartTv: header(event, "cloudfront-is-smarttv-viewer"),
    }),
    ipPrefix: anonymizeIp(event.requestContext?.identity?.sourceIp),
    userAgent: truncateUserAgent(header(event, "user-agent")),
  });
  return json(200, { likes });
});
