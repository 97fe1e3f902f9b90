// Reads rendered manifests (kubectl kustomize output) on stdin and validates every document of a
// built-in kind against the Kubernetes API's schema (kubernetes-models: the OpenAPI definitions of
// Kubernetes, compiled into JSON-schema validators). Custom resources (Strimzi, CloudNativePG) have
// no schema here: they are listed as unchecked, and the Java test checks them by structure.
// Prints one line per document, "valid <kind>/<name>", "unchecked ..." or "invalid ...: <errors>";
// exits 1 if any document is invalid.
import { parseAllDocuments } from "yaml";

const input = await new Promise((resolve) => {
  let text = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => (text += chunk));
  process.stdin.on("end", () => resolve(text));
});

let invalid = 0;
for (const document of parseAllDocuments(input)) {
  const manifest = document.toJS();
  if (!manifest) continue;
  const [group, version] = manifest.apiVersion.includes("/") ? manifest.apiVersion.split("/") : ["", manifest.apiVersion];
  const name = `${manifest.kind}/${manifest.metadata?.name}`;
  let model;
  try {
    model = await import(`kubernetes-models/${group ? group + "/" : ""}${version}/${manifest.kind}`);
  } catch {
    console.log(`unchecked ${manifest.apiVersion} ${name}`);
    continue;
  }
  try {
    new model[manifest.kind](manifest).validate();
    console.log(`valid ${name}`);
  } catch (error) {
    invalid++;
    console.log(`invalid ${name}: ${error.message.replace(/\n/g, "; ")}`);
  }
}
process.exit(invalid ? 1 : 0);
