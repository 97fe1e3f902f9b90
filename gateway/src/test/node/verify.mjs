// Checks webhook deliveries the way a receiver would, with the Standard Webhooks reference library:
// reads {"secret": "whsec_...", "deliveries": [{"headers": {...}, "body": "..."}]} on stdin and
// prints one line per delivery, "valid" or "invalid: <why>". The gateway's tests run it.
import { Webhook } from "standardwebhooks";

let input = "";
for await (const chunk of process.stdin) {
  input += chunk;
}
const { secret, deliveries } = JSON.parse(input);
const webhook = new Webhook(secret);
for (const delivery of deliveries) {
  try {
    webhook.verify(delivery.body, delivery.headers);
    console.log("valid");
  } catch (e) {
    console.log("invalid: " + e.message);
  }
}
