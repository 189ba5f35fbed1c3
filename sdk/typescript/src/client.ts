// A minimal typed client over the generated types: it exists so that `tsc --noEmit` proves the generated
// schema is usable from real code (paths, parameters, bodies and responses all resolve to concrete types).
import type { components, paths } from "./schema";

export type Proposal = components["schemas"]["Proposal"];
export type ProposalInput = components["schemas"]["ProposalInput"];
export type Problem = components["schemas"]["Problem"];
type ListProposalsQuery = NonNullable<paths["/v1/proposals"]["get"]["parameters"]["query"]>;
type ProposalPage = paths["/v1/proposals"]["get"]["responses"]["200"]["content"]["application/json"];

export class IspybClient {
  constructor(private readonly baseUrl: string, private readonly token: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${this.token}`, "Content-Type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) {
      const problem = (await response.json()) as Problem;
      throw new Error(`${problem.status} ${problem.title}: ${problem.detail ?? ""}`);
    }
    return (await response.json()) as T;
  }

  /** Every proposal matching `query`, following `nextPageToken` page after page. */
  async *listProposals(query: ListProposalsQuery = {}): AsyncGenerator<Proposal> {
    let pageToken: string | undefined = undefined;
    do {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries({ ...query, ...(pageToken ? { pageToken } : {}) })) {
        if (value !== undefined) params.set(key, String(value));
      }
      const page: ProposalPage = await this.call<ProposalPage>("GET", `/v1/proposals?${params}`);
      yield* page.items;
      pageToken = page.nextPageToken;
    } while (pageToken);
  }

  createProposal(input: ProposalInput): Promise<Proposal> {
    return this.call<Proposal>("POST", "/v1/proposals", input);
  }
}

// Compile-time checks: a missing required field must not type-check; a vocabulary is extensible
// (x-extensible-enum), so a value a site added later types as a string in a record (the server validates
// request values: 422 for one it does not list).
const ok: ProposalInput = { proposalCode: "mx", proposalNumber: "23694", proposalType: "MX" };
const future: Proposal["proposalType"] = "NEUTRON_IMAGING";
// @ts-expect-error proposalNumber is required
const missing: ProposalInput = { proposalCode: "mx" };
export const examples = [ok, future, missing];
