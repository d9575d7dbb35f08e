// Module Web Worker: boots the self-hosted Pyodide, installs the clustersize wheel built from src/, and answers
// the page's messages by calling the real package. Every reply is {id, ok, ...}; nothing here touches the DOM.

// Thin glue over clustersize's own API; every call returns JSON text (strings cross the boundary cheaply).
const GLUE = `
import json
from clustersize import api, cli, examples
from clustersize.errors import ClusterSizeError
from clustersize.output import error_to_dict, result_to_dict, to_json

_parser = cli.build_parser()


def _text(preset, config):
    return examples.text(preset) if preset is not None else config


def _nodes(raw):
    # --nodes goes through the CLI's own parser, so its error text is the CLI's.
    return _parser.parse_args(["--nodes", raw]).nodes if raw else None


def calc_run(preset, config, sets, nodes):
    try:
        n = _nodes(nodes)
    except ClusterSizeError as err:
        return json.dumps({"code": err.exit_code, "json": to_json(error_to_dict(err)), "field": "nodes"})
    code, out = api.run(_text(preset, config), n, list(sets))
    return json.dumps({"code": code, "json": out})


def calc_sweep(preset, config, sets, nodes, spec):
    try:
        swept = api.sweep(_text(preset, config), spec, _nodes(nodes), list(sets))
    except ClusterSizeError as err:
        return json.dumps({"code": err.exit_code, "error": err.to_dict()})
    rows = [result_to_dict(r) for r in swept.results]
    return json.dumps({"code": swept.exit_code, "path": swept.path, "values": swept.values, "results": rows})


def calc_export(preset, config, sets):
    raw = api.raw_config(_text(preset, config), list(sets))
    return json.dumps(raw, indent=2, ensure_ascii=False) + "\\n"
`;

let py = null;
let fns = null;

async function bytes(url, gunzip = false) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`HTTP ${r.status} for ${url}`);
  return gunzip ? new Response(r.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer() : r.arrayBuffer();
}

// Restore the build-time memory snapshot (clustersize already imported) if possible, else boot afresh.
async function start(loadPyodide, options, snapshot) {
  if (snapshot && typeof DecompressionStream === "function") {
    const image = bytes(snapshot, true);
    image.catch(() => {}); // handled below, once loadPyodide awaits it
    try {
      return [await loadPyodide({ ...options, _loadSnapshot: image }), "snapshot"];
    } catch (err) {
      console.warn(`clustersize: memory snapshot not usable (${err.message}); booting Pyodide afresh`);
    }
  }
  return [await loadPyodide(options), "boot"];
}

async function boot({ runtime, wheel, snapshot, lockInfo }) {
  if (typeof WebAssembly !== "object") throw new Error("this browser has no WebAssembly");
  const wheelBytes = bytes(wheel);
  wheelBytes.catch(() => {}); // reported when awaited below
  const { loadPyodide } = await import(new URL("pyodide.mjs", runtime).href);
  // No extra packages exist, so a lock with none saves fetching and parsing pyodide-lock.json.
  const options = { indexURL: runtime, lockFileContents: { info: lockInfo, packages: {} } };
  let how;
  [py, how] = await start(loadPyodide, options, snapshot);
  const sitePackages = py.runPython("import sysconfig; sysconfig.get_path('purelib')");
  py.unpackArchive(new Uint8Array(await wheelBytes), "wheel", { extractDir: sitePackages });
  py.runPython(GLUE);
  fns = {
    run: py.globals.get("calc_run"),
    sweep: py.globals.get("calc_sweep"),
    export: py.globals.get("calc_export"),
  };
  const [version, python] = py.runPython(
    "import clustersize, platform; clustersize.__version__ + ' ' + platform.python_version()",
  ).split(" ");
  return { version, python, pyodide: py.version, how };
}

function base(msg) {
  return msg.preset != null ? [msg.preset, undefined] : [undefined, msg.config];
}

const ops = {
  boot,
  run: (m) => JSON.parse(fns.run(...base(m), m.sets, m.nodes || "")),
  sweep: (m) => JSON.parse(fns.sweep(...base(m), m.sets, m.nodes || "", m.spec)),
  export: (m) => ({ text: fns.export(...base(m), m.sets) }),
};

self.onmessage = async ({ data }) => {
  const { id, op } = data;
  try {
    const value = await ops[op](data);
    self.postMessage({ id, ok: true, value });
  } catch (err) {
    self.postMessage({ id, ok: false, error: String(err && err.message ? err.message : err) });
  }
};
