/** Command-line options shared by `npm run backup` and `npm run restore`. */
import { parseArgs } from "node:util";
import { APP_NAMES, type AppName, type Target } from "./lib";

export interface Options {
  apps: AppName[];
  target: Target;
  dir?: string;
  force: boolean;
}

export function parseOptions(argv: string[], usage: string, dirFlag: "out" | "from"): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      app: { type: "string", multiple: true },
      local: { type: "boolean", default: false },
      remote: { type: "boolean", default: false },
      env: { type: "string" },
      "persist-to": { type: "string" },
      [dirFlag]: { type: "string" },
      force: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  if (values.local && values.remote) throw new Error("--local and --remote exclude each other");
  if (values.remote && values["persist-to"]) throw new Error("--persist-to is for --local only");
  const apps = (values.app ?? APP_NAMES).flatMap((a) => String(a).split(",")).map((a) => a.trim()) as AppName[];
  for (const a of apps) if (!APP_NAMES.includes(a)) throw new Error(`unknown app ${a} (one of ${APP_NAMES.join(", ")})`);
  const dir = values[dirFlag];
  return {
    apps: [...new Set(apps)],
    target: {
      remote: values.remote === true,
      ...(values["persist-to"] ? { persistTo: String(values["persist-to"]) } : {}),
      ...(values.env ? { env: String(values.env) } : {}),
    },
    ...(dir ? { dir: String(dir) } : {}),
    force: values.force === true,
  };
}

export async function main(run: () => Promise<void>) {
  try {
    await run();
  } catch (err) {
    console.error(`✘ ${(err as Error).message}`);
    process.exit(1);
  }
}
