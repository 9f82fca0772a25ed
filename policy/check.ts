import { App } from "cdktf";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EnvironmentConfig } from "../config/environment";
import { buildApp } from "../main";
import { EXCEPTIONS, PolicyException } from "./exceptions";
import { Finding, RULES } from "./rules";
import { Stacks, TerraformJson } from "./terraform";

export interface PolicyReport {
  findings: Finding[];
  /** Findings no exception covers: each one fails the check. */
  open: Finding[];
  excepted: { finding: Finding; exception: PolicyException }[];
  /** Exceptions that match no finding any more: stale, they fail the check too. */
  stale: PolicyException[];
}

/** Resource patterns: `*` matches within one path segment, `**` across segments. */
function matches(pattern: string, path: string): boolean {
  const regex = pattern
    .split("**")
    .map((part) => part.split("*").map((text) => text.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join("[^/]*"))
    .join(".*");
  return new RegExp(`^${regex}$`).test(path);
}

export function checkPolicy(stacks: Record<string, TerraformJson>, exceptions: PolicyException[] = EXCEPTIONS): PolicyReport {
  const view = new Stacks(stacks);
  const findings = RULES.flatMap((rule) => rule.check(view));
  const used = new Set<PolicyException>();
  const open: Finding[] = [];
  const excepted: PolicyReport["excepted"] = [];
  for (const finding of findings) {
    const exception = exceptions.find(
      (e) => e.rule === finding.rule && matches(e.resource, finding.resource) && (!e.finding || finding.message.includes(e.finding)),
    );
    if (exception) {
      used.add(exception);
      excepted.push({ finding, exception });
    } else {
      open.push(finding);
    }
  }
  return { findings, open, excepted, stale: exceptions.filter((e) => !used.has(e)) };
}

/** Synthesizes the whole app into `outdir`, as `cdktf synth` does; returns each stack's JSON text. */
export function synthesizeInto(outdir: string, environments?: EnvironmentConfig[]): Record<string, string> {
  buildApp(new App({ outdir }), environments).synth();
  return Object.fromEntries(
    readdirSync(join(outdir, "stacks"))
      .sort()
      .map((name) => [name, readFileSync(join(outdir, "stacks", name, "cdk.tf.json"), "utf8")]),
  );
}

export function synthesizeAll(): Record<string, TerraformJson> {
  const outdir = mkdtempSync(join(tmpdir(), "policy-"));
  try {
    const text = synthesizeInto(outdir);
    return Object.fromEntries(Object.entries(text).map(([name, json]) => [name, JSON.parse(json) as TerraformJson]));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i])).join("  ").trimEnd()).join("\n");
}

if (require.main === module) {
  const report = checkPolicy(synthesizeAll());
  const aliases = new Map(RULES.map((rule) => [rule.id, rule.aliases]));
  console.log(`${RULES.length} rules, ${report.findings.length} findings: ${report.open.length} open, ${report.excepted.length} excepted, ${report.stale.length} stale exceptions\n`);
  if (report.open.length > 0) {
    console.log("OPEN FINDINGS (fix them, or add a reasoned exception to policy/exceptions.ts)");
    console.log(table([["rule", "resource", "finding"], ...report.open.map((f) => [f.rule, f.resource, f.message])]));
    console.log("");
  }
  if (report.stale.length > 0) {
    console.log("STALE EXCEPTIONS (they match nothing: remove them)");
    console.log(table([["rule", "resource"], ...report.stale.map((e) => [e.rule, e.resource])]));
    console.log("");
  }
  console.log("EXCEPTED (policy/exceptions.ts)");
  console.log(
    table([
      ["rule", "also", "resource", "reason"],
      ...report.excepted.map(({ finding, exception }) => [finding.rule, (aliases.get(finding.rule) ?? []).slice(0, 2).join(" "), finding.resource, exception.reason]),
    ]),
  );
  process.exit(report.open.length > 0 || report.stale.length > 0 ? 1 : 0);
}
