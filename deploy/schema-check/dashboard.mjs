// Validates a Grafana dashboard (the file named as the first argument) against Grafana's own model of
// a dashboard: the JSON schema of the `Dashboard` type of @grafana/schema (the types Grafana generates
// from its dashboard kind), made here with ts-json-schema-generator and checked with Ajv. Unknown
// fields fail as well as wrong types and missing ones: objects of the model admit no others.
// Prints "valid" or one line per error; exits 1 if the dashboard is invalid.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import Ajv from "ajv";
import { createGenerator } from "ts-json-schema-generator";

const require = createRequire(import.meta.url);
const types = join(dirname(require.resolve("@grafana/schema/package.json")), "dist/types/raw/dashboard/x/types.gen.d.ts");
const schema = createGenerator({ path: types, type: "Dashboard", skipTypeCheck: true }).createSchema("Dashboard");
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

const dashboard = JSON.parse(readFileSync(process.argv[2], "utf8"));
if (validate(dashboard)) {
  console.log("valid");
} else {
  for (const error of validate.errors) console.log(`invalid ${error.instancePath || "/"}: ${error.message} ${JSON.stringify(error.params)}`);
  process.exit(1);
}
