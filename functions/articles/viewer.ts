import { isIPv4, isIPv6 } from "node:net";

/** What a like records about its reader, already anonymized, for the lake. */
export interface Viewer {
  country: string | null;
  deviceType: DeviceType;
  ipPrefix: string | null;
  userAgent: string | null;
}

export type DeviceType = "desktop" | "mobile" | "tablet" | "smarttv" | "unknown";

export interface DeviceFlags {
  desktop?: string;
  mobile?: string;
  tablet?: string;
  smartTv?: string;
}

/** Longer user agents are cut so a like item stays well under 1 KB (one write unit). */
export const USER_AGENT_MAX = 256;

/** CloudFront sends its CloudFront-Is-*-Viewer headers as the strings "true" / "false". */
export function deviceType(flags: DeviceFlags): DeviceType {
  const on = (value?: string) => value?.trim().toLowerCase() === "true";
  if (on(flags.smartTv)) return "smarttv";
  if (on(flags.tablet)) return "tablet";
  if (on(flags.mobile)) return "mobile";
  if (on(flags.desktop)) return "desktop";
  return "unknown";
}

/** IPv4 keeps its /24 and IPv6 its /48: enough for geography, not enough to identify a reader. */
export function anonymizeIp(ip: string | undefined | null): string | null {
  if (!ip) return null;
  const address = ip.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return anonymizeIp(mapped[1]);
  if (isIPv4(address)) {
    const [a, b, c] = address.split(".");
    return `${a}.${b}.${c}.0/24`;
  }
  if (isIPv6(address)) {
    const groups = expandIpv6(address);
    return `${groups.slice(0, 3).map((group) => group.replace(/^0+(?=.)/, "")).join(":")}::/48`;
  }
  return null;
}

function expandIpv6(address: string): string[] {
  const withoutZone = address.split("%")[0];
  const [head, tail] = withoutZone.includes("::") ? withoutZone.split("::") : [withoutZone, undefined];
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  return [...headGroups, ...Array(Math.max(missing, 0)).fill("0"), ...tailGroups].map((g) => g.toLowerCase());
}

export function countryCode(value: string | undefined): string | null {
  const code = value?.trim().toUpperCase();
  return code && /^[A-Z]{2}$/.test(code) ? code : null;
}

export function truncateUserAgent(value: string | undefined): string | null {
  if (!value) return null;
  return [...value].slice(0, USER_AGENT_MAX).join("");
}
