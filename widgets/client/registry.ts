// The widgets' tests write to the register through this client, typed by the platform's own OpenAPI
// document: `npm run client` generates generated/civic-registry.ts from the running gateway's
// /openapi (openapi-typescript) and compiles this file against it, so a path, parameter or body the
// document does not describe is a compile error, not a test that happens to pass.
import createClient, { type Client } from "openapi-fetch";
import type { components, paths } from "./generated/civic-registry.js";

export type Registry = Client<paths>;
export type NewEvent = components["schemas"]["EventInput"];
export type ProgressReport = components["schemas"]["InitiativeReport"];

/** A client of the gateway at baseUrl; with a token, its writes are signed in. */
export function registry(baseUrl: string, token?: string): Registry {
  return createClient<paths>({ baseUrl, headers: token ? { Authorization: `Bearer ${token}` } : {} });
}

/** The id of the programme with this slug. */
export async function programmeId(api: Registry, slug: string): Promise<string> {
  const { data, error, response } = await api.GET("/api/v1/programmes", { params: { query: { slug } } });
  const id = data?.items[0]?.id;
  if (!id) throw new Error(`no programme ${slug}: ${response.status} ${JSON.stringify(error)}`);
  return id;
}

/** Reports progress on initiative `number` of a programme. */
export async function reportProgress(api: Registry, id: string, number: number, report: ProgressReport): Promise<void> {
  const { error, response } = await api.POST("/api/v1/programmes/{id}/initiatives/{number}/reports", {
    params: { path: { id, number } }, body: report,
  });
  if (error) throw new Error(`progress report: ${response.status} ${JSON.stringify(error)}`);
}

/** Schedules an event; returns its id. */
export async function createEvent(api: Registry, event: NewEvent): Promise<string> {
  const { data, error, response } = await api.POST("/api/v1/events", { body: event });
  if (!data?.id) throw new Error(`new event: ${response.status} ${JSON.stringify(error)}`);
  return data.id;
}

/** Moves an event to a new start, as the register's writers must: with the ETag they read. */
export async function reschedule(api: Registry, id: string, startsAt: string): Promise<void> {
  const read = await api.GET("/api/v1/events/{id}", { params: { path: { id } } });
  const etag = read.response.headers.get("etag");
  if (!read.data || !etag) throw new Error(`event ${id}: ${read.response.status}`);
  const { error, response } = await api.POST("/api/v1/events/{id}/transitions", {
    params: { path: { id }, header: { "If-Match": etag } }, body: { to: "rescheduled", startsAt },
  });
  if (error) throw new Error(`reschedule ${id}: ${response.status} ${JSON.stringify(error)}`);
}
