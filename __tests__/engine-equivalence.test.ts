import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "../constructs/bundle";
import { engineDifferences, fieldAt, readSynth, SynthFiles } from "./support/engine-equivalence";

const ENGINES = {
  cdktf: [],
  // The one change a user makes, `"cdktf": "npm:cdktn@..."`, done by module resolution instead.
  cdktn: ["--require", join(PROJECT_ROOT, "__tests__", "support", "cdktf-as-cdktn.cjs")],
};

/** The whole app synthesized in its own process, into its own folder, as `cdktf synth` runs it. */
function synth(engine: keyof typeof ENGINES): SynthFiles {
  const outdir = mkdtempSync(join(tmpdir(), `engine-${engine}-`));
  try {
    execFileSync(process.execPath, [...ENGINES[engine], "--import", "tsx", "main.ts"], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1" },
      stdio: "pipe",
    });
    return readSynth(outdir);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const version = (name: string) => (require(`${name}/package.json`) as { version: string }).version;
const stackFiles = (files: SynthFiles) => Object.keys(files).filter((name) => name.endsWith("cdk.tf.json"));
const edit = (files: SynthFiles, file: string, change: (json: any) => void): SynthFiles => {
  const json = JSON.parse(files[file].toString("utf8"));
  change(json);
  return { ...files, [file]: Buffer.from(JSON.stringify(json)) };
};

describe("cdktf 0.21 and CDK Terrain synthesize the same Terraform", () => {
  let cdktf: SynthFiles;
  let cdktn: SynthFiles;
  beforeAll(() => {
    // One after the other: both synths bundle the functions.
    cdktf = synth("cdktf");
    cdktn = synth("cdktn");
  });

  it("each synth was made by the engine it names", () => {
    for (const file of stackFiles(cdktf)) {
      expect([file, fieldAt(JSON.parse(cdktf[file].toString("utf8")), ["//", "metadata", "version"])]).toEqual([file, version("cdktf")]);
      expect([file, fieldAt(JSON.parse(cdktn[file].toString("utf8")), ["//", "metadata", "version"])]).toEqual([file, version("cdktn")]);
    }
  });

  it("every stack, manifest and function zip is the same apart from the engine's version", () => {
    expect(stackFiles(cdktn)).toEqual(stackFiles(cdktf));
    expect(stackFiles(cdktf).length).toBeGreaterThanOrEqual(7);
    expect(Object.keys(cdktf).filter((name) => name.endsWith(".zip")).length).toBeGreaterThanOrEqual(14);
    expect(engineDifferences(cdktf, cdktn)).toEqual([]);
  });

  describe("the comparison", () => {
    const api = "stacks/dev-api/cdk.tf.json";

    it("reports a resource attribute that differs, by its path", () => {
      let path = "";
      const changed = edit(cdktn, api, (json) => {
        const [name, table] = Object.entries<any>(json.resource.aws_dynamodb_table)[0];
        path = `resource.aws_dynamodb_table.${name}.billing_mode`;
        table.billing_mode = "PROVISIONED";
      });
      expect(engineDifferences(cdktf, changed)).toEqual([`${api}: ${path}: "PAY_PER_REQUEST" -> "PROVISIONED"`]);
    });

    it("reports a resource one engine left out, a missing file and a changed zip", () => {
      const name = Object.keys(cdktn).find((file) => file.endsWith(".zip"))!;
      let table = "";
      const changed = edit(cdktn, api, (json) => {
        table = Object.keys(json.resource.aws_dynamodb_table)[0];
        delete json.resource.aws_dynamodb_table[table];
      });
      changed[name] = Buffer.concat([changed[name], Buffer.from([0])]);
      delete changed["stacks/state/cdk.tf.json"];
      expect(engineDifferences(cdktf, changed).sort()).toEqual(
        [`${api}: resource.aws_dynamodb_table.${table}: only in the first synth`, `${name}: bytes differ`, "stacks/state/cdk.tf.json: only in the first synth"].sort(),
      );
    });

    it("ignores only the engine's version, not other metadata", () => {
      const renamed = edit(cdktn, api, (json) => (json["//"].metadata.stackName = "other"));
      expect(engineDifferences(cdktf, renamed)).toEqual([`${api}: //.metadata.stackName: "dev-api" -> "other"`]);
    });
  });
});
