// To parse this data:
//
//   import { Convert, ACKRequest, AgentDelivery, AgentPollResponse, CancelRequest, CapabilitiesResponse, CapabilityRegistry, ConformanceReport, ControlsRequest, ControlsResponse, CreateIntentRequest, CreateIntentResponse, PushDelivery, IntentEnvelope, Error, ErrorRegistry, ErrorResponse, IntentEvent, GetIntentResponse, HealthResponse, HumanTask, Intent, IntentUpdateResponse, JSONTextVectors, LifecycleState, LifecycleTable, ListEventsResponse, ListIntentsResponse, PushRegistrationRequest, PushRegistrationResponse, ResolveRequest, ResumeRequest, StreamTimeout, TaskResult, VectorFile } from "./axp";
//
//   const aCKRequest = Convert.toACKRequest(json);
//   const agentDelivery = Convert.toAgentDelivery(json);
//   const agentPollResponse = Convert.toAgentPollResponse(json);
//   const cancelRequest = Convert.toCancelRequest(json);
//   const capabilitiesResponse = Convert.toCapabilitiesResponse(json);
//   const capabilityRegistry = Convert.toCapabilityRegistry(json);
//   const conformanceReport = Convert.toConformanceReport(json);
//   const controlsRequest = Convert.toControlsRequest(json);
//   const controlsResponse = Convert.toControlsResponse(json);
//   const createIntentRequest = Convert.toCreateIntentRequest(json);
//   const createIntentResponse = Convert.toCreateIntentResponse(json);
//   const pushDelivery = Convert.toPushDelivery(json);
//   const intentEnvelope = Convert.toIntentEnvelope(json);
//   const error = Convert.toError(json);
//   const errorRegistry = Convert.toErrorRegistry(json);
//   const errorResponse = Convert.toErrorResponse(json);
//   const intentEvent = Convert.toIntentEvent(json);
//   const getIntentResponse = Convert.toGetIntentResponse(json);
//   const healthResponse = Convert.toHealthResponse(json);
//   const humanTask = Convert.toHumanTask(json);
//   const intent = Convert.toIntent(json);
//   const intentUpdateResponse = Convert.toIntentUpdateResponse(json);
//   const jSONTextVectors = Convert.toJSONTextVectors(json);
//   const lifecycleState = Convert.toLifecycleState(json);
//   const lifecycleTable = Convert.toLifecycleTable(json);
//   const listEventsResponse = Convert.toListEventsResponse(json);
//   const listIntentsResponse = Convert.toListIntentsResponse(json);
//   const pushRegistrationRequest = Convert.toPushRegistrationRequest(json);
//   const pushRegistrationResponse = Convert.toPushRegistrationResponse(json);
//   const resolveRequest = Convert.toResolveRequest(json);
//   const resumeRequest = Convert.toResumeRequest(json);
//   const streamTimeout = Convert.toStreamTimeout(json);
//   const taskResult = Convert.toTaskResult(json);
//   const vectorFile = Convert.toVectorFile(json);
//
// These functions will throw an error if the JSON doesn't
// match the expected interface, even if the JSON is valid.

/**
 * Body of POST /v1/intents/{intent_id}/ack (may be empty).
 */
export interface ACKRequest {
    /**
     * Accepted for compatibility with upstream clients and ignored: events name the
     * authenticated principal (AXP-EV-009).
     */
    actor?: string;
}

/**
 * Body of GET /v1/agents/{org}/{workspace}/{name}/intents (poll delivery).
 */
export interface AgentPollResponse {
    /**
     * At most limit delivery records after since, oldest first, filtered to live intents
     * (AXP-DLV-008).
     */
    deliveries: AgentDelivery[];
    /**
     * The since of the next poll: past every record this page examined, filtered ones included;
     * never less than the since asked for.
     */
    next_cursor: number;
    /**
     * Always true on a 200 answer.
     */
    ok: boolean;
    [property: string]: any;
}

/**
 * One delivery record on an agent's stream or poll: an intent handed to its addressed
 * agent. seq is the per-agent delivery cursor, not the per-intent event seq.
 */
export interface AgentDelivery {
    /**
     * When the record was made (the intent's creation).
     */
    at: Date;
    /**
     * The same cursor as seq, under a name that cannot be mistaken for an event seq
     * (AXP-DLV-007).
     */
    delivery_seq: number;
    /**
     * Always intent.delivered: the frame hands an intent to its agent, whatever the intent's
     * status.
     */
    event_type: EventType;
    /**
     * The whole intent as GET /v1/intents/{intent_id} would answer it at read time.
     */
    intent: Intent;
    /**
     * The intent handed over.
     */
    intent_id: string;
    /**
     * Copy of intent.intent_type, for agents that route before reading the intent.
     */
    intent_type?: string;
    /**
     * Copy of intent.payload.
     */
    payload?: { [key: string]: any };
    /**
     * The record's per-agent delivery cursor (not the intent's event seq); pass the last one
     * seen as since to resume (AXP-DLV-007).
     */
    seq: number;
    /**
     * The intent's status when the record was read (the status filter applies to it,
     * AXP-DLV-014).
     */
    status: Status;
    [property: string]: any;
}

export type EventType = "intent.delivered";

/**
 * The whole intent as GET /v1/intents/{intent_id} would answer it at read time.
 *
 * The intent resource as the server returns it. Unknown extra fields are allowed (clients
 * ignore them, AXP-VER-001).
 *
 * The intent after the patch.
 *
 * The intent as it is now.
 *
 * The intent after the write.
 */
export interface Intent {
    /**
     * The workflow the intent belongs to, as the client gave it (AXP-COR-001).
     */
    correlation_id: string;
    /**
     * When the platform accepted the intent.
     */
    created_at: Date;
    /**
     * When the intent times out if it has not ended; null for none.
     */
    deadline_at?: Date | null;
    /**
     * How many push attempts have been made.
     */
    delivery_attempt?: number;
    /**
     * Why a FAILED or TIMED_OUT intent ended; null before.
     */
    error?: null | ErrorDetail;
    /**
     * Who is named in intent.escalated after the last reminder.
     */
    escalate_to?: null | string;
    /**
     * The sender, derived from its credential (AXP-ENV-005).
     */
    from_agent: string;
    /**
     * Who handles the intent after a transfer; null until one happens (AXP-LC-013).
     */
    handler?: null | string;
    /**
     * The task for a person, when the intent is one.
     */
    human_task?: HumanTask | null;
    /**
     * The intent's id, assigned by the platform (AXP-ID-004).
     */
    intent_id: string;
    /**
     * What kind of work this is, with its version.
     */
    intent_type: string;
    /**
     * The seq of the intent's last event.
     */
    last_seq: number;
    /**
     * The same value as status, for clients that read this name (AXP-API-002).
     */
    lifecycle_status: Status;
    /**
     * Failed pushes after which the intent fails with delivery_failed.
     */
    max_delivery_attempts?: number;
    /**
     * How many reminders at most.
     */
    max_reminders?: number | null;
    /**
     * String hints for routing and tracing, as created.
     */
    metadata?: { [key: string]: string };
    /**
     * The work itself, as created.
     */
    payload: { [key: string]: any };
    /**
     * Counts applied controls patches, from 0; the compare-and-set value of controls
     * (AXP-API-017).
     */
    policy_generation?: number;
    /**
     * Seconds before the first reminder; null for no reminders.
     */
    remind_after_seconds?: number | null;
    /**
     * How many reminders have fired.
     */
    remind_count?: number;
    /**
     * Seconds between later reminders.
     */
    remind_interval_seconds?: number | null;
    /**
     * An agent to tell about the outcome, if the client named one.
     */
    reply_to?: null | string;
    /**
     * The outcome of a COMPLETED intent (a human task's answer under result.task_result); null
     * before.
     */
    result?: { [key: string]: any } | null;
    /**
     * The current status: the status of the last event (AXP-LC-008).
     */
    status: Status;
    /**
     * The agent the intent is addressed to.
     */
    to_agent: string;
    /**
     * When the intent last changed.
     */
    updated_at: Date;
    /**
     * What a WAITING intent waits on; null otherwise.
     */
    waiting_reason?: WaitingReason | null;
    [property: string]: any;
}

/**
 * A failure description carried by FAILED intents and resume/resolve bodies.
 *
 * Why it failed; required with FAILED.
 *
 * Why it failed; required with action fail.
 */
export interface ErrorDetail {
    /**
     * Machine-readable failure code, lower case (for example delivery_failed, out_of_stock).
     */
    code: string;
    /**
     * Further machine-readable facts about the failure.
     */
    details?: { [key: string]: any };
    /**
     * What went wrong, for people.
     */
    message: string;
    /**
     * Whether trying the same work again may succeed.
     */
    retryable?: boolean;
    [property: string]: any;
}

/**
 * A task a person must answer; put on an intent at create time (AXP-HT-*).
 *
 * Makes the intent a task for a person: it waits WAITING_FOR_HUMAN for a task_result
 * (AXP-HT-001).
 *
 * The task for a person, when the intent is one.
 */
export interface HumanTask {
    /**
     * Outcomes a task_result may carry; default [approved, rejected].
     */
    allowed_outcomes?: string[];
    /**
     * Who may answer, as addresses or names the platform's task tool understands.
     */
    assignees?: string[];
    /**
     * More context for the person.
     */
    description?: string;
    /**
     * task_result.data.evidence must be present and non-empty.
     */
    evidence_required?: boolean;
    /**
     * A JSON Schema 2020-12 that task_result.data must satisfy.
     */
    form_schema?: { [key: string]: any };
    /**
     * When true, a task_result needs a non-empty comment (AXP-HT-003).
     */
    required_comment?: boolean;
    /**
     * The kind of task, for the tool that shows it; default approval.
     */
    task_type?: TaskType;
    /**
     * What the person is asked, in one line.
     */
    title: string;
}

/**
 * The kind of task, for the tool that shows it; default approval.
 */
export type TaskType = "approval" | "review" | "clarification" | "provide_data" | "attach_file" | "manual_action" | "confirmation" | "validate_real_world" | "validate_output" | "assignment" | "delegation" | "reroute" | "override" | "escalate";

/**
 * The same value as status, for clients that read this name (AXP-API-002).
 *
 * A lifecycle status (spec/lifecycle.json).
 *
 * The current status: the status of the last event (AXP-LC-008).
 *
 * The intent's status when the record was read (the status filter applies to it,
 * AXP-DLV-014).
 *
 * The intent's status after the create's own events: SUBMITTED, or WAITING for a human task
 * (AXP-API-021).
 *
 * The intent's status after the event; annotation events repeat the current one
 * (AXP-LC-007).
 *
 * Its status after the last event seen.
 */
export type Status = "CREATED" | "SUBMITTED" | "DELIVERED" | "ACKNOWLEDGED" | "IN_PROGRESS" | "WAITING" | "COMPLETED" | "FAILED" | "CANCELED" | "TIMED_OUT";

/**
 * What a WAITING intent waits on (spec/lifecycle.json waiting_reasons).
 *
 * What the intent waits on; required with action wait.
 */
export type WaitingReason = "WAITING_FOR_HUMAN" | "WAITING_FOR_TOOL" | "WAITING_FOR_AGENT" | "WAITING_FOR_TIME";

/**
 * Body of POST /v1/intents/{intent_id}/cancel.
 */
export interface CancelRequest {
    /**
     * Accepted for compatibility with upstream clients and ignored: events name the
     * authenticated principal (AXP-EV-009).
     */
    actor?: string;
    /**
     * Why the sender cancels; recorded as details.reason of the intent.canceled event.
     */
    reason?: string;
}

/**
 * Body of GET /v1/capabilities (AXP-CAP-001). Capability names: spec/capabilities.json.
 */
export interface CapabilitiesResponse {
    /**
     * Every core capability and every optional one the server implements fully (names from
     * spec/capabilities.json, or x- extensions).
     */
    capabilities: string[];
    /**
     * Limits the server enforces (AXP-CAP-004).
     */
    limits?: Limits;
    /**
     * Always true on a 200 answer.
     */
    ok: boolean;
    /**
     * The protocol version the server speaks: v1.
     */
    protocol_version: Version;
    /**
     * Intent types the server accepts; ["*"] means any well-formed type.
     */
    supported_intent_types?: string[];
    [property: string]: any;
}

/**
 * Limits the server enforces (AXP-CAP-004).
 */
export interface Limits {
    /**
     * The largest request body accepted, in bytes; larger ones are 413 payload_too_large.
     */
    max_body_bytes?: number;
    /**
     * The largest wait_seconds a stream accepts.
     */
    max_wait_seconds?: number;
    [property: string]: any;
}

export type Version = "v1";

/**
 * Schema of spec/capabilities.json, the capability vocabulary.
 */
export interface CapabilityRegistry {
    /**
     * Every capability name of the protocol.
     */
    capabilities: Capability[];
    /**
     * What the file is, for people.
     */
    description?: string;
    /**
     * The protocol version the vocabulary belongs to: v1.
     */
    protocol_version: Version;
}

export interface Capability {
    /**
     * true when every server must implement it; false for an optional capability.
     */
    core: boolean;
    /**
     * What claiming the capability promises.
     */
    description: string;
    /**
     * The capability name a server lists in GET /v1/capabilities.
     */
    name: string;
}

/**
 * The JSON report of `axp conformance run --report json`: one verdict per requirement ID,
 * and every check's outcome with evidence and a replay command.
 */
export interface ConformanceReport {
    /**
     * Failures the run was told to expect (--baseline), and those that no longer happen.
     */
    baseline?: Baseline;
    /**
     * The capabilities the server listed; checks of unlisted optional ones were not applicable.
     */
    capabilities: string[];
    /**
     * Every check's outcome.
     */
    checks: Check[];
    /**
     * How long the run took.
     */
    duration_seconds: number;
    /**
     * Generated examples per fuzzed operation.
     */
    max_examples: number;
    /**
     * One verdict per requirement ID of the spec.
     */
    requirements: Requirement[];
    /**
     * The crash-restart phase: whether the server was restarted between the two halves of the
     * restart checks, and how long it took to answer /health again.
     */
    restart?: Restart;
    /**
     * The seed of the generated requests; the same seed replays the same run.
     */
    seed: number;
    /**
     * The protocol version tested: v1.
     */
    spec_version: Version;
    /**
     * When the run started.
     */
    started_at: Date;
    /**
     * The tool that wrote the report: axp-conformance.
     */
    suite: Suite;
    /**
     * The version of the conformance suite.
     */
    suite_version: string;
    /**
     * The counts behind the verdict.
     */
    summary: Summary;
    /**
     * The base URL of the server tested.
     */
    target: string;
}

/**
 * Failures the run was told to expect (--baseline), and those that no longer happen.
 */
export interface Baseline {
    /**
     * Requirement IDs expected to fail.
     */
    expected?: string[];
    /**
     * Expected failures that passed in this run.
     */
    stale?: string[];
    [property: string]: any;
}

export interface Check {
    /**
     * The area it belongs to.
     */
    area: string;
    /**
     * How long the check took.
     */
    duration_seconds: number;
    /**
     * The last request and answer before the failure; null when the check passed.
     */
    evidence: { [key: string]: any } | null;
    /**
     * Every requirement the check found broken, with the message.
     */
    failures: Failure[];
    /**
     * What went wrong, or why it did not apply.
     */
    message: string;
    /**
     * The check's name.
     */
    name: string;
    /**
     * <area>/<check>: the check's stable name in reports and pytest node IDs.
     */
    node: string;
    /**
     * The command that runs this check again with the same seed.
     */
    replay: string;
    /**
     * The requirement IDs it verifies.
     */
    requirements: string[];
    /**
     * passed, failed, not_applicable (an unclaimed capability), not_covered (the check could
     * not run here: a restart check without --restart-cmd) or harness_error (the suite's side
     * failed).
     */
    status: CheckStatus;
}

export interface Failure {
    /**
     * How it was broken.
     */
    message: string;
    /**
     * The requirement ID broken.
     */
    requirement: string;
    [property: string]: any;
}

/**
 * passed, failed, not_applicable (an unclaimed capability), not_covered (the check could
 * not run here: a restart check without --restart-cmd) or harness_error (the suite's side
 * failed).
 */
export type CheckStatus = "passed" | "failed" | "not_applicable" | "not_covered" | "harness_error";

export interface Requirement {
    /**
     * Its area code.
     */
    area: string;
    /**
     * The checks that verify it.
     */
    checks: string[];
    /**
     * The requirement ID.
     */
    id: string;
    /**
     * Its level.
     */
    level: Level;
    /**
     * Why: the first failure, or why nothing could observe it.
     */
    message?: string;
    /**
     * Its sentence from the spec.
     */
    text: string;
    /**
     * passed; failed (a MUST a failure names); warning (a SHOULD/MAY a failure names);
     * not_reached (its checks stopped at another requirement's failure first); not_applicable
     * (an optional capability the server does not claim, or a rule for clients); not_covered
     * (nothing in this run could observe it: message says why); not_selected (left out by
     * --only/--skip/--level).
     */
    verdict: Verdict;
}

/**
 * Its level.
 */
export type Level = "MUST" | "MUST NOT" | "SHOULD" | "SHOULD NOT" | "MAY";

/**
 * passed; failed (a MUST a failure names); warning (a SHOULD/MAY a failure names);
 * not_reached (its checks stopped at another requirement's failure first); not_applicable
 * (an optional capability the server does not claim, or a rule for clients); not_covered
 * (nothing in this run could observe it: message says why); not_selected (left out by
 * --only/--skip/--level).
 */
export type Verdict = "passed" | "failed" | "warning" | "not_reached" | "not_applicable" | "not_covered" | "not_selected";

/**
 * The crash-restart phase: whether the server was restarted between the two halves of the
 * restart checks, and how long it took to answer /health again.
 */
export interface Restart {
    /**
     * The restart command, when one was given.
     */
    command?: string;
    /**
     * True when the server was restarted (--restart-cmd, or kill -9 of the embedded server).
     */
    performed: boolean;
    /**
     * Seconds from the restart command to the first healthy answer.
     */
    seconds?: number;
}

export type Suite = "axp-conformance";

/**
 * The counts behind the verdict.
 */
export interface Summary {
    /**
     * Requirement verdict counts (passed, failed, warning, not_applicable, not_covered) per
     * requirement area (API, LC, ...).
     */
    by_area: { [key: string]: ByArea };
    /**
     * Requirement verdict counts (passed, failed, warning, not_applicable, not_covered) per
     * level (MUST, SHOULD, MAY).
     */
    by_level: { [key: string]: ByLevel };
    /**
     * Checks that failed on the suite's side; never counted against the server.
     */
    harness_errors: number;
    /**
     * MUST requirements that passed or failed: the score's denominator.
     */
    must_applicable: number;
    /**
     * MUST requirements a failure names.
     */
    must_failed: number;
    /**
     * MUST requirements nothing in this run observed (each says why); --require-coverage fails
     * the run on any.
     */
    must_not_covered: number;
    /**
     * MUST requirements whose checks stopped at another requirement's failure before reaching
     * them.
     */
    must_not_reached: number;
    /**
     * MUST requirements shown to hold.
     */
    must_passed: number;
    /**
     * must_passed as a percentage of must_applicable.
     */
    score: number;
    [property: string]: any;
}

export interface ByArea {
    passed:         number;
    failed:         number;
    warning:        number;
    not_reached:    number;
    not_applicable: number;
    not_covered:    number;
    not_selected:   number;
    [property: string]: number;
}

export interface ByLevel {
    passed:         number;
    failed:         number;
    warning:        number;
    not_reached:    number;
    not_applicable: number;
    not_covered:    number;
    not_selected:   number;
    [property: string]: number;
}

/**
 * Body of POST /v1/intents/{intent_id}/controls.
 */
export interface ControlsRequest {
    /**
     * Accepted for compatibility with upstream clients and ignored: events name the
     * authenticated principal (AXP-EV-009).
     */
    actor?: string;
    /**
     * The controls to change; fields left out keep their value (AXP-API-017).
     */
    controls_patch: ControlsPatch;
    /**
     * Apply the patch only if the intent's policy_generation still equals this; otherwise 409
     * stale_policy_generation.
     */
    expected_policy_generation?: number;
    /**
     * Why the controls change, for people; the platform does not act on it.
     */
    reason?: string;
}

/**
 * The controls to change; fields left out keep their value (AXP-API-017).
 */
export interface ControlsPatch {
    /**
     * The new deadline; null removes it.
     */
    deadline_at?: Date | null;
    /**
     * Who is told (intent.escalated) when the last reminder has fired.
     */
    escalate_to?: string;
    /**
     * How many reminders at most; those already sent count.
     */
    max_reminders?: number;
    /**
     * Seconds before the first reminder.
     */
    remind_after_seconds?: number;
    /**
     * Seconds between later reminders.
     */
    remind_interval_seconds?: number;
}

/**
 * Body of a 200 answer to POST /v1/intents/{intent_id}/controls.
 */
export interface ControlsResponse {
    /**
     * Whether the patch changed the intent.
     */
    applied: boolean;
    /**
     * The intent after the patch.
     */
    intent: Intent;
    /**
     * Always true on a 200 answer.
     */
    ok: boolean;
    /**
     * The intent's policy_generation after the patch.
     */
    policy_generation: number;
    [property: string]: any;
}

/**
 * Body of POST /v1/intents.
 */
export interface CreateIntentRequest {
    /**
     * The workflow this intent belongs to; keep it across retries and related intents
     * (AXP-COR-002).
     */
    correlation_id: string;
    /**
     * When the intent times out if it has not ended (AXP-TMR-004).
     */
    deadline_at?: Date;
    /**
     * Who is named in the intent.escalated event after the last reminder (AXP-TMR-002).
     */
    escalate_to?: string;
    /**
     * Deprecated: ignored; the server derives the sender from the credential.
     */
    from_agent?: string;
    /**
     * Makes the intent a task for a person: it waits WAITING_FOR_HUMAN for a task_result
     * (AXP-HT-001).
     */
    human_task?: HumanTask;
    /**
     * What kind of work this is, with its version, e.g. order.fulfill.v1 (AXP-ID-002).
     */
    intent_type: string;
    /**
     * Failed push attempts after which the intent fails with delivery_failed; default 3
     * (AXP-DLV-004).
     */
    max_delivery_attempts?: number;
    /**
     * How many reminders at most; default 3.
     */
    max_reminders?: number;
    /**
     * String hints for routing and tracing; they never change the platform's behaviour
     * (AXP-ENV-004).
     */
    metadata?: { [key: string]: string };
    /**
     * The work itself; its meaning is defined by intent_type (AXP-ENV-003).
     */
    payload: { [key: string]: any };
    /**
     * Seconds after creation before the first intent.reminder (AXP-TMR-001).
     */
    remind_after_seconds?: number;
    /**
     * Seconds between later reminders; default remind_after_seconds.
     */
    remind_interval_seconds?: number;
    /**
     * An agent to tell about the outcome, when it is not the sender.
     */
    reply_to?: string;
    /**
     * The agent that should do the work (AXP-ID-001).
     */
    to_agent: string;
}

/**
 * Body of a 200 answer to POST /v1/intents; an idempotent replay returns the same body.
 */
export interface CreateIntentResponse {
    /**
     * The correlation_id of the request, unchanged (AXP-COR-001).
     */
    correlation_id: string;
    /**
     * When the platform accepted the intent.
     */
    created_at: Date;
    /**
     * The id the platform assigned (AXP-ID-004).
     */
    intent_id: string;
    /**
     * Always true on a 200 answer.
     */
    ok: boolean;
    /**
     * The intent's status after the create's own events: SUBMITTED, or WAITING for a human task
     * (AXP-API-021).
     */
    status: Status;
    [property: string]: any;
}

/**
 * Body the server POSTs to an agent's registered push URL. sent_at and delivery_id are
 * inside the HMAC-signed body so receivers can reject replays (AXP-DLV-002, AXP-DLV-003).
 */
export interface PushDelivery {
    /**
     * Which attempt this is, from 1.
     */
    attempt: number;
    /**
     * Fresh for every attempt; a receiver rejects one it has seen before (AXP-DLV-003).
     */
    delivery_id: string;
    /**
     * The intent in its canonical envelope form.
     */
    envelope: IntentEnvelope;
    /**
     * The intent pushed.
     */
    intent_id: string;
    /**
     * When this attempt was sent; a receiver rejects old ones (AXP-DLV-011).
     */
    sent_at: Date;
}

/**
 * The intent in its canonical envelope form.
 *
 * The canonical, self-contained form of an intent message: what a push delivery carries and
 * what fixtures store (AXP-ENV-001).
 */
export interface IntentEnvelope {
    /**
     * The workflow the intent belongs to.
     */
    correlation_id: string;
    /**
     * When the platform accepted the intent.
     */
    created_at: Date;
    /**
     * When the intent times out if it has not ended.
     */
    deadline_at?: Date;
    /**
     * The sender, derived from its credential (AXP-ENV-005).
     */
    from_agent: string;
    /**
     * The task for a person, when the intent is one.
     */
    human_task?: HumanTask;
    /**
     * The Idempotency-Key the intent was created with, if any.
     */
    idempotency_key?: string;
    /**
     * The intent's id, assigned by the platform.
     */
    intent_id: string;
    /**
     * What kind of work this is, with its version (AXP-ID-002).
     */
    intent_type: string;
    /**
     * String hints for routing and tracing.
     */
    metadata?: { [key: string]: string };
    /**
     * The work itself; its meaning is defined by intent_type.
     */
    payload: { [key: string]: any };
    /**
     * An agent to tell about the outcome, when it is not the sender.
     */
    reply_to?: string;
    /**
     * The agent the intent is addressed to.
     */
    to_agent: string;
    /**
     * The envelope version: v1.
     */
    version: Version;
}

/**
 * Schema of spec/errors.json, the error-code registry.
 */
export interface ErrorRegistry {
    /**
     * The error categories and the HTTP statuses each may use.
     */
    categories: CategoryElement[];
    /**
     * Every error code of the protocol.
     */
    codes: Code[];
    /**
     * What the file is, for people.
     */
    description?: string;
    /**
     * The protocol version the registry belongs to: v1.
     */
    protocol_version: Version;
}

export interface CategoryElement {
    /**
     * What the category means.
     */
    description: string;
    /**
     * The HTTP statuses codes of this category answer with.
     */
    http_statuses: number[];
    /**
     * The category name, as error.category carries it.
     */
    name: string;
}

export interface Code {
    /**
     * The code's category.
     */
    category: string;
    /**
     * The code, as error.code carries it; never reused with another meaning (AXP-ERR-007).
     */
    code: string;
    /**
     * When the code is used.
     */
    description: string;
    /**
     * The HTTP status an answer with this code has (AXP-ERR-002).
     */
    http_status: number;
    /**
     * Whether a client may retry a request that got this code (AXP-ERR-006).
     */
    retryable: boolean;
}

/**
 * Body of every non-2xx JSON response.
 */
export interface ErrorResponse {
    /**
     * What went wrong.
     */
    error: Error;
    /**
     * Always false on an error answer.
     */
    ok: boolean;
}

/**
 * The error object every non-2xx response carries (AXP-ERR-001). Codes: spec/errors.json.
 *
 * What went wrong.
 */
export interface Error {
    /**
     * When the error happened.
     */
    at?: Date;
    /**
     * The code's category from spec/errors.json.
     */
    category: CategoryEnum;
    /**
     * The error code from spec/errors.json; programs branch on it (AXP-ERR-004).
     */
    code: string;
    /**
     * Machine-readable facts about the error.
     */
    details?: Details;
    /**
     * What went wrong, for people; never contains credentials.
     */
    message: string;
    /**
     * The answer's x-request-id, to quote in a support request.
     */
    request_id?: string;
    /**
     * The code's retryability from spec/errors.json: whether the same request may succeed later
     * (AXP-ERR-006).
     */
    retryable: boolean;
}

/**
 * The code's category from spec/errors.json.
 */
export type CategoryEnum = "validation" | "auth" | "policy" | "not_found" | "conflict" | "rate_limit" | "transport" | "timeout" | "internal";

/**
 * Machine-readable facts about the error.
 */
export interface Details {
    /**
     * Each problem found in the request (schema_invalid, task_result_invalid), AXP-ERR-005.
     */
    errors?: ErrorElement[];
    [property: string]: any;
}

export interface ErrorElement {
    /**
     * What is wrong there, for people.
     */
    message: string;
    /**
     * RFC 6901 JSON pointer to the offending value in the request body; "" for the whole body.
     */
    pointer: string;
    /**
     * The requirement ID broken, when one is known.
     */
    requirement?: string;
    /**
     * The schema keyword or rule broken, e.g. required, pattern, allowed_outcomes.
     */
    rule?: string;
    [property: string]: any;
}

/**
 * Body of GET /v1/intents/{intent_id}.
 */
export interface GetIntentResponse {
    /**
     * The intent as it is now.
     */
    intent: Intent;
    /**
     * Always true on a 200 answer.
     */
    ok: boolean;
    [property: string]: any;
}

/**
 * Body of GET /health.
 */
export interface HealthResponse {
    /**
     * Always true on a 200 answer: the server is up.
     */
    ok: boolean;
    /**
     * The server software's version.
     */
    version?: string;
    [property: string]: any;
}

/**
 * Body of a 200 answer to resolve, resume, cancel and ack: the intent after the write and
 * the event it appended (null when nothing changed).
 */
export interface IntentUpdateResponse {
    /**
     * Whether the write changed the intent; false only for a repeated ack (AXP-LC-014).
     */
    applied: boolean;
    /**
     * The last event the write appended; null when nothing changed.
     */
    event: null | IntentEvent;
    /**
     * Every event the write appended, in order (an ack of a SUBMITTED intent appends two).
     */
    events?: IntentEvent[];
    /**
     * The intent after the write.
     */
    intent: Intent;
    /**
     * Always true on a 200 answer.
     */
    ok: boolean;
    [property: string]: any;
}

/**
 * One entry of an intent's ordered event log (AXP-EV-*). Extra fields are allowed.
 */
export interface IntentEvent {
    /**
     * Who caused the event: an agent address, or platform (AXP-EV-009, AXP-EV-011).
     */
    actor?: null | string;
    /**
     * When the event was appended.
     */
    at: Date;
    /**
     * Event-specific facts: result, error or reason on terminal events (AXP-EV-010), attempt
     * numbers on deliveries, remind_count on reminders.
     */
    details?: { [key: string]: any };
    /**
     * What happened; for a status change, the event type the lifecycle table gives the status
     * entered (AXP-EV-003).
     */
    event_type: IntentEventEventType;
    /**
     * The handler after an intent.transfer event (AXP-LC-013).
     */
    handler?: null | string;
    /**
     * The intent the event belongs to.
     */
    intent_id: string;
    /**
     * The event's position in the intent's log: 1, 2, 3 … with no gap (AXP-EV-001, AXP-EV-002).
     */
    seq: number;
    /**
     * The intent's status after the event; annotation events repeat the current one
     * (AXP-LC-007).
     */
    status: Status;
    /**
     * What a WAITING intent waits on; present exactly when status is WAITING (AXP-LC-004,
     * AXP-LC-005).
     */
    waiting_reason?: WaitingReason | null;
    [property: string]: any;
}

/**
 * What happened; for a status change, the event type the lifecycle table gives the status
 * entered (AXP-EV-003).
 *
 * An event type (spec/lifecycle.json).
 */
export type IntentEventEventType = "intent.created" | "intent.submitted" | "intent.delivered" | "intent.acknowledged" | "intent.in_progress" | "intent.waiting" | "intent.completed" | "intent.failed" | "intent.canceled" | "intent.timed_out" | "intent.transfer" | "intent.reminder" | "intent.escalated" | "intent.human_task_assigned" | "intent.delivery_failed";

/**
 * Schema of vectors/json_text.json: raw JSON texts used as the payload of a create request,
 * which a platform must accept (valid) or refuse with 400 invalid_json (invalid). They live
 * as strings because several of them cannot be parsed into a JSON value at all
 * (AXP-API-019).
 */
export interface JSONTextVectors {
    /**
     * What the file is, for people.
     */
    description: string;
    /**
     * Payload texts every platform refuses with 400 invalid_json.
     */
    invalid: InvalidElement[];
    /**
     * Every platform accepts request bodies nested this deep.
     */
    max_accepted_depth: number;
    /**
     * Every platform refuses request bodies nested deeper than this.
     */
    refused_beyond_depth: number;
    /**
     * Payload texts every platform accepts.
     */
    valid: ValidElement[];
}

/**
 * One payload text and what it shows.
 */
export interface InvalidElement {
    /**
     * The requirement a platform breaks by accepting the payload.
     *
     * The requirement the vector tests.
     */
    requirement: string;
    /**
     * What the payload shows.
     */
    description: string;
    /**
     * Short unique name of the vector.
     */
    name: string;
    /**
     * The raw JSON text placed as the value of `payload`.
     */
    payload_text: string;
}

/**
 * One payload text and what it shows.
 */
export interface ValidElement {
    /**
     * What the payload shows.
     */
    description: string;
    /**
     * Short unique name of the vector.
     */
    name: string;
    /**
     * The raw JSON text placed as the value of `payload`.
     */
    payload_text: string;
    /**
     * The requirement the vector tests.
     */
    requirement?: string;
}

/**
 * A snapshot of one intent's lifecycle position: what the stream checker tracks per intent.
 */
export interface LifecycleState {
    /**
     * Its workflow, when known.
     */
    correlation_id?: string;
    /**
     * Its deadline, when known.
     */
    deadline_at?: Date | null;
    /**
     * The handler after the last transfer, if any.
     */
    handler?: null | string;
    /**
     * The intent tracked.
     */
    intent_id: string;
    /**
     * The seq of the last event seen.
     */
    seq: number;
    /**
     * Its status after the last event seen.
     */
    status: Status;
    /**
     * The at of the last event seen.
     */
    updated_at: Date;
    /**
     * What it waits on while WAITING; null otherwise.
     */
    waiting_reason?: WaitingReason | null;
}

/**
 * Schema of spec/lifecycle.json, the lifecycle state machine as data.
 */
export interface LifecycleTable {
    /**
     * Event types that record something without changing the status (AXP-LC-007).
     */
    annotation_events: AnnotationEvent[];
    /**
     * What the file is, for people.
     */
    description?: string;
    /**
     * The status every intent starts in.
     */
    initial_status: string;
    /**
     * The protocol version the table belongs to: v1.
     */
    protocol_version: Version;
    /**
     * Event type names that are invalid in v1, and what replaces them.
     */
    retired_event_types?: RetiredEventType[];
    /**
     * Every status, whether it is terminal, and the event type that enters it.
     */
    statuses: StatusElement[];
    /**
     * For each status, the statuses it may move to; nothing else is legal (AXP-LC-002).
     */
    transitions: Transition[];
    /**
     * What a WAITING intent may wait on.
     */
    waiting_reasons: WaitingReasonElement[];
    /**
     * The status that needs a waiting_reason.
     */
    waiting_status: string;
}

export interface AnnotationEvent {
    /**
     * What it records.
     */
    description: string;
    /**
     * The annotation event type.
     */
    event_type: string;
}

export interface RetiredEventType {
    event_type:  any;
    replaced_by: any;
    reason:      any;
    [property: string]: any;
}

export interface StatusElement {
    /**
     * What the status means.
     */
    description: string;
    /**
     * The event type of the event that enters this status.
     */
    event_type: string;
    /**
     * The status name.
     */
    name: string;
    /**
     * Whether the status ends the intent for good (AXP-LC-003).
     */
    terminal: boolean;
}

export interface Transition {
    /**
     * The status an intent is in.
     */
    from: string;
    /**
     * The statuses it may move to; empty for a terminal status.
     */
    to: string[];
}

export interface WaitingReasonElement {
    /**
     * What the intent waits on.
     */
    description: string;
    /**
     * The waiting reason.
     */
    name: string;
}

/**
 * Body of GET /v1/intents/{intent_id}/events.
 */
export interface ListEventsResponse {
    /**
     * At most limit events with seq greater than since, in seq order (AXP-API-004).
     */
    events: IntentEvent[];
    /**
     * Whether events after the last one returned already exist: page on with since = the last
     * returned seq (AXP-API-004).
     */
    has_more: boolean;
    /**
     * The seq the intent's next event will get (its last seq plus one), whatever this page
     * holds.
     */
    next_seq: number;
    /**
     * Always true on a 200 answer.
     */
    ok: boolean;
    [property: string]: any;
}

/**
 * Body of GET /v1/intents.
 */
export interface ListIntentsResponse {
    /**
     * Whether another page follows.
     */
    has_more: boolean;
    /**
     * A page of intents the caller may see, matching the filters.
     */
    intents: Intent[];
    /**
     * Pass as cursor for the next page; null on the last page.
     */
    next_cursor: null | string;
    /**
     * Always true on a 200 answer.
     */
    ok: boolean;
    [property: string]: any;
}

/**
 * Body of PUT /v1/agents/{org}/{workspace}/{name}/push: where and with which secret to push.
 */
export interface PushRegistrationRequest {
    /**
     * The shared secret for X-Axme-Signature; at least 16 characters, never returned
     * (AXP-DLV-010).
     */
    secret: string;
    /**
     * Where the platform POSTs deliveries (http or https).
     */
    url: string;
}

/**
 * Body of a 200 answer to PUT .../push (the secret is never echoed).
 */
export interface PushRegistrationResponse {
    /**
     * The agent whose endpoint was registered.
     */
    agent: string;
    /**
     * Always true on a 200 answer.
     */
    ok: boolean;
    /**
     * The last characters of the secret, to tell secrets apart; never the secret.
     */
    secret_hint?: string;
    /**
     * The registered URL.
     */
    url: string;
    [property: string]: any;
}

/**
 * Body of POST /v1/intents/{intent_id}/resolve: write a terminal status.
 */
export interface ResolveRequest {
    /**
     * Accepted for compatibility with upstream clients and ignored: events name the
     * authenticated principal (AXP-EV-009).
     */
    actor?: string;
    /**
     * Why it failed; required with FAILED.
     */
    error?: ErrorDetail;
    /**
     * Why it was canceled; required with CANCELED.
     */
    reason?: string;
    /**
     * The outcome; required with COMPLETED.
     */
    result?: { [key: string]: any };
    /**
     * The terminal status to write: COMPLETED, FAILED or CANCELED (TIMED_OUT is the platform's,
     * AXP-LC-012).
     */
    status: TerminalResolveStatus;
}

/**
 * The terminal status to write: COMPLETED, FAILED or CANCELED (TIMED_OUT is the platform's,
 * AXP-LC-012).
 *
 * A terminal status a client may write with resolve (TIMED_OUT is written only by the
 * server).
 */
export type TerminalResolveStatus = "COMPLETED" | "FAILED" | "CANCELED";

/**
 * Body of POST /v1/intents/{intent_id}/resume: the addressed agent reports progress, or a
 * person answers a human task.
 */
export interface ResumeRequest {
    /**
     * What the agent reports: start (IN_PROGRESS), wait (WAITING), complete (COMPLETED) or fail
     * (FAILED), AXP-API-015.
     */
    action?: Action;
    /**
     * Accepted for compatibility with upstream clients and ignored: events name the
     * authenticated principal (AXP-EV-009).
     */
    actor?: string;
    /**
     * Continue a WAITING intent (the default when the body has no action); only true is
     * meaningful, and never with action or task_result.
     */
    approve_current_step?: boolean;
    /**
     * Why it failed; required with action fail.
     */
    error?: ErrorDetail;
    /**
     * A note for people; the platform does not act on it.
     */
    reason?: string;
    /**
     * The outcome; required with action complete.
     */
    result?: { [key: string]: any };
    /**
     * A person's answer to the intent's human task (AXP-HT-002..006); never with action.
     */
    task_result?: TaskResult;
    /**
     * What the intent waits on; required with action wait.
     */
    waiting_reason?: WaitingReason;
}

/**
 * What the agent reports: start (IN_PROGRESS), wait (WAITING), complete (COMPLETED) or fail
 * (FAILED), AXP-API-015.
 */
export type Action = "start" | "wait" | "complete" | "fail";

/**
 * A person's answer to the intent's human task (AXP-HT-002..006); never with action.
 *
 * A person's answer to a human task, sent with resume.
 */
export interface TaskResult {
    /**
     * The person's comment; required non-empty when the task has required_comment (AXP-HT-003).
     */
    comment?: string;
    /**
     * Form answers and evidence; validated against human_task.form_schema.
     */
    data?: { [key: string]: any };
    /**
     * The person's decision: one of the human task's allowed_outcomes (AXP-HT-002).
     */
    outcome: string;
}

/**
 * data of the stream.timeout frame that ends an SSE window (AXP-SSE-004).
 */
export interface StreamTimeout {
    /**
     * The cursor to resume from, passed back as since (AXP-SSE-004): the intent's last seq, or
     * on an agent stream the last delivery cursor.
     */
    last_seq: number;
    /**
     * last_seq plus one: on an intent stream, the seq the intent's next event will get.
     */
    next_seq: number;
    /**
     * Always true: the window ended normally.
     */
    ok: boolean;
    [property: string]: any;
}

/**
 * Schema of one schema-vector file under vectors/schemas/: valid and invalid example
 * messages for one AXP schema.
 */
export interface VectorFile {
    /**
     * Messages the schema refuses, each for one stated reason.
     */
    invalid: Invalid[];
    /**
     * The schema (file name without .json) the vectors are for.
     */
    schema: string;
    /**
     * Messages the schema accepts.
     */
    valid: Valid[];
}

export interface Invalid {
    /**
     * Why the message is invalid.
     */
    description: string;
    /**
     * The message.
     */
    message: any;
    /**
     * Short unique name of the vector.
     */
    name: string;
    /**
     * JSON pointer of the offending value (of the parent object for required /
     * additionalProperties).
     */
    pointer: string;
    /**
     * The requirement the message breaks, or null when only the schema states the rule.
     */
    requirement: null | string;
    /**
     * The JSON Schema keyword that fails.
     */
    rule: string;
}

export interface Valid {
    /**
     * What the message shows.
     */
    description: string;
    /**
     * The message.
     */
    message: any;
    /**
     * Short unique name of the vector.
     */
    name: string;
}

// Converts JSON strings to/from your types
// and asserts the results of JSON.parse at runtime
export class Convert {
    public static toACKRequest(json: string): ACKRequest {
        return cast(JSON.parse(json), r("ACKRequest"));
    }

    public static aCKRequestToJson(value: ACKRequest): string {
        return JSON.stringify(uncast(value, r("ACKRequest")), null, 2);
    }

    public static toAgentDelivery(json: string): AgentDelivery {
        return cast(JSON.parse(json), r("AgentDelivery"));
    }

    public static agentDeliveryToJson(value: AgentDelivery): string {
        return JSON.stringify(uncast(value, r("AgentDelivery")), null, 2);
    }

    public static toAgentPollResponse(json: string): AgentPollResponse {
        return cast(JSON.parse(json), r("AgentPollResponse"));
    }

    public static agentPollResponseToJson(value: AgentPollResponse): string {
        return JSON.stringify(uncast(value, r("AgentPollResponse")), null, 2);
    }

    public static toCancelRequest(json: string): CancelRequest {
        return cast(JSON.parse(json), r("CancelRequest"));
    }

    public static cancelRequestToJson(value: CancelRequest): string {
        return JSON.stringify(uncast(value, r("CancelRequest")), null, 2);
    }

    public static toCapabilitiesResponse(json: string): CapabilitiesResponse {
        return cast(JSON.parse(json), r("CapabilitiesResponse"));
    }

    public static capabilitiesResponseToJson(value: CapabilitiesResponse): string {
        return JSON.stringify(uncast(value, r("CapabilitiesResponse")), null, 2);
    }

    public static toCapabilityRegistry(json: string): CapabilityRegistry {
        return cast(JSON.parse(json), r("CapabilityRegistry"));
    }

    public static capabilityRegistryToJson(value: CapabilityRegistry): string {
        return JSON.stringify(uncast(value, r("CapabilityRegistry")), null, 2);
    }

    public static toConformanceReport(json: string): ConformanceReport {
        return cast(JSON.parse(json), r("ConformanceReport"));
    }

    public static conformanceReportToJson(value: ConformanceReport): string {
        return JSON.stringify(uncast(value, r("ConformanceReport")), null, 2);
    }

    public static toControlsRequest(json: string): ControlsRequest {
        return cast(JSON.parse(json), r("ControlsRequest"));
    }

    public static controlsRequestToJson(value: ControlsRequest): string {
        return JSON.stringify(uncast(value, r("ControlsRequest")), null, 2);
    }

    public static toControlsResponse(json: string): ControlsResponse {
        return cast(JSON.parse(json), r("ControlsResponse"));
    }

    public static controlsResponseToJson(value: ControlsResponse): string {
        return JSON.stringify(uncast(value, r("ControlsResponse")), null, 2);
    }

    public static toCreateIntentRequest(json: string): CreateIntentRequest {
        return cast(JSON.parse(json), r("CreateIntentRequest"));
    }

    public static createIntentRequestToJson(value: CreateIntentRequest): string {
        return JSON.stringify(uncast(value, r("CreateIntentRequest")), null, 2);
    }

    public static toCreateIntentResponse(json: string): CreateIntentResponse {
        return cast(JSON.parse(json), r("CreateIntentResponse"));
    }

    public static createIntentResponseToJson(value: CreateIntentResponse): string {
        return JSON.stringify(uncast(value, r("CreateIntentResponse")), null, 2);
    }

    public static toPushDelivery(json: string): PushDelivery {
        return cast(JSON.parse(json), r("PushDelivery"));
    }

    public static pushDeliveryToJson(value: PushDelivery): string {
        return JSON.stringify(uncast(value, r("PushDelivery")), null, 2);
    }

    public static toIntentEnvelope(json: string): IntentEnvelope {
        return cast(JSON.parse(json), r("IntentEnvelope"));
    }

    public static intentEnvelopeToJson(value: IntentEnvelope): string {
        return JSON.stringify(uncast(value, r("IntentEnvelope")), null, 2);
    }

    public static toError(json: string): Error {
        return cast(JSON.parse(json), r("Error"));
    }

    public static errorToJson(value: Error): string {
        return JSON.stringify(uncast(value, r("Error")), null, 2);
    }

    public static toErrorRegistry(json: string): ErrorRegistry {
        return cast(JSON.parse(json), r("ErrorRegistry"));
    }

    public static errorRegistryToJson(value: ErrorRegistry): string {
        return JSON.stringify(uncast(value, r("ErrorRegistry")), null, 2);
    }

    public static toErrorResponse(json: string): ErrorResponse {
        return cast(JSON.parse(json), r("ErrorResponse"));
    }

    public static errorResponseToJson(value: ErrorResponse): string {
        return JSON.stringify(uncast(value, r("ErrorResponse")), null, 2);
    }

    public static toIntentEvent(json: string): IntentEvent {
        return cast(JSON.parse(json), r("IntentEvent"));
    }

    public static intentEventToJson(value: IntentEvent): string {
        return JSON.stringify(uncast(value, r("IntentEvent")), null, 2);
    }

    public static toGetIntentResponse(json: string): GetIntentResponse {
        return cast(JSON.parse(json), r("GetIntentResponse"));
    }

    public static getIntentResponseToJson(value: GetIntentResponse): string {
        return JSON.stringify(uncast(value, r("GetIntentResponse")), null, 2);
    }

    public static toHealthResponse(json: string): HealthResponse {
        return cast(JSON.parse(json), r("HealthResponse"));
    }

    public static healthResponseToJson(value: HealthResponse): string {
        return JSON.stringify(uncast(value, r("HealthResponse")), null, 2);
    }

    public static toHumanTask(json: string): HumanTask {
        return cast(JSON.parse(json), r("HumanTask"));
    }

    public static humanTaskToJson(value: HumanTask): string {
        return JSON.stringify(uncast(value, r("HumanTask")), null, 2);
    }

    public static toIntent(json: string): Intent {
        return cast(JSON.parse(json), r("Intent"));
    }

    public static intentToJson(value: Intent): string {
        return JSON.stringify(uncast(value, r("Intent")), null, 2);
    }

    public static toIntentUpdateResponse(json: string): IntentUpdateResponse {
        return cast(JSON.parse(json), r("IntentUpdateResponse"));
    }

    public static intentUpdateResponseToJson(value: IntentUpdateResponse): string {
        return JSON.stringify(uncast(value, r("IntentUpdateResponse")), null, 2);
    }

    public static toJSONTextVectors(json: string): JSONTextVectors {
        return cast(JSON.parse(json), r("JSONTextVectors"));
    }

    public static jSONTextVectorsToJson(value: JSONTextVectors): string {
        return JSON.stringify(uncast(value, r("JSONTextVectors")), null, 2);
    }

    public static toLifecycleState(json: string): LifecycleState {
        return cast(JSON.parse(json), r("LifecycleState"));
    }

    public static lifecycleStateToJson(value: LifecycleState): string {
        return JSON.stringify(uncast(value, r("LifecycleState")), null, 2);
    }

    public static toLifecycleTable(json: string): LifecycleTable {
        return cast(JSON.parse(json), r("LifecycleTable"));
    }

    public static lifecycleTableToJson(value: LifecycleTable): string {
        return JSON.stringify(uncast(value, r("LifecycleTable")), null, 2);
    }

    public static toListEventsResponse(json: string): ListEventsResponse {
        return cast(JSON.parse(json), r("ListEventsResponse"));
    }

    public static listEventsResponseToJson(value: ListEventsResponse): string {
        return JSON.stringify(uncast(value, r("ListEventsResponse")), null, 2);
    }

    public static toListIntentsResponse(json: string): ListIntentsResponse {
        return cast(JSON.parse(json), r("ListIntentsResponse"));
    }

    public static listIntentsResponseToJson(value: ListIntentsResponse): string {
        return JSON.stringify(uncast(value, r("ListIntentsResponse")), null, 2);
    }

    public static toPushRegistrationRequest(json: string): PushRegistrationRequest {
        return cast(JSON.parse(json), r("PushRegistrationRequest"));
    }

    public static pushRegistrationRequestToJson(value: PushRegistrationRequest): string {
        return JSON.stringify(uncast(value, r("PushRegistrationRequest")), null, 2);
    }

    public static toPushRegistrationResponse(json: string): PushRegistrationResponse {
        return cast(JSON.parse(json), r("PushRegistrationResponse"));
    }

    public static pushRegistrationResponseToJson(value: PushRegistrationResponse): string {
        return JSON.stringify(uncast(value, r("PushRegistrationResponse")), null, 2);
    }

    public static toResolveRequest(json: string): ResolveRequest {
        return cast(JSON.parse(json), r("ResolveRequest"));
    }

    public static resolveRequestToJson(value: ResolveRequest): string {
        return JSON.stringify(uncast(value, r("ResolveRequest")), null, 2);
    }

    public static toResumeRequest(json: string): ResumeRequest {
        return cast(JSON.parse(json), r("ResumeRequest"));
    }

    public static resumeRequestToJson(value: ResumeRequest): string {
        return JSON.stringify(uncast(value, r("ResumeRequest")), null, 2);
    }

    public static toStreamTimeout(json: string): StreamTimeout {
        return cast(JSON.parse(json), r("StreamTimeout"));
    }

    public static streamTimeoutToJson(value: StreamTimeout): string {
        return JSON.stringify(uncast(value, r("StreamTimeout")), null, 2);
    }

    public static toTaskResult(json: string): TaskResult {
        return cast(JSON.parse(json), r("TaskResult"));
    }

    public static taskResultToJson(value: TaskResult): string {
        return JSON.stringify(uncast(value, r("TaskResult")), null, 2);
    }

    public static toVectorFile(json: string): VectorFile {
        return cast(JSON.parse(json), r("VectorFile"));
    }

    public static vectorFileToJson(value: VectorFile): string {
        return JSON.stringify(uncast(value, r("VectorFile")), null, 2);
    }
}

function invalidValue(typ: any, val: any, key: any, parent: any = ''): never {
    const prettyTyp = prettyTypeName(typ);
    const parentText = parent ? ` on ${parent}` : '';
    const keyText = key ? ` for key "${key}"` : '';
    throw Error(`Invalid value${keyText}${parentText}. Expected ${prettyTyp} but got ${JSON.stringify(val)}`);
}

function prettyTypeName(typ: any): string {
    if (Array.isArray(typ)) {
        if (typ.length === 2 && typ[0] === undefined) {
            return `an optional ${prettyTypeName(typ[1])}`;
        } else {
            return `one of [${typ.map(a => { return prettyTypeName(a); }).join(", ")}]`;
        }
    } else if (typeof typ === "object" && typ.literal !== undefined) {
        return typ.literal;
    } else {
        return typeof typ;
    }
}

function jsonToJSProps(typ: any): any {
    if (typ.jsonToJS === undefined) {
        const map: any = {};
        typ.props.forEach((p: any) => map[p.json] = { key: p.js, typ: p.typ });
        typ.jsonToJS = map;
    }
    return typ.jsonToJS;
}

function jsToJSONProps(typ: any): any {
    if (typ.jsToJSON === undefined) {
        const map: any = {};
        typ.props.forEach((p: any) => map[p.js] = { key: p.json, typ: p.typ });
        typ.jsToJSON = map;
    }
    return typ.jsToJSON;
}

function transform(val: any, typ: any, getProps: any, key: any = '', parent: any = ''): any {
    function transformPrimitive(typ: string, val: any): any {
        if (typeof typ === typeof val) return val;
        return invalidValue(typ, val, key, parent);
    }

    function transformUnion(typs: any[], val: any): any {
        // val must validate against one typ in typs
        const l = typs.length;
        for (let i = 0; i < l; i++) {
            const typ = typs[i];
            try {
                return transform(val, typ, getProps);
            } catch (_) {}
        }
        return invalidValue(typs, val, key, parent);
    }

    function transformEnum(cases: string[], val: any): any {
        if (cases.indexOf(val) !== -1) return val;
        return invalidValue(cases.map(a => { return l(a); }), val, key, parent);
    }

    function transformArray(typ: any, val: any): any {
        // val must be an array with no invalid elements
        if (!Array.isArray(val)) return invalidValue(l("array"), val, key, parent);
        return val.map(el => transform(el, typ, getProps));
    }

    function transformDate(val: any): any {
        if (val === null) {
            return null;
        }
        const d = new Date(val);
        if (isNaN(d.valueOf())) {
            return invalidValue(l("Date"), val, key, parent);
        }
        return d;
    }

    function transformObject(props: { [k: string]: any }, additional: any, val: any): any {
        if (val === null || typeof val !== "object" || Array.isArray(val)) {
            return invalidValue(l(ref || "object"), val, key, parent);
        }
        const result: any = {};
        Object.getOwnPropertyNames(props).forEach(key => {
            const prop = props[key];
            const v = Object.prototype.hasOwnProperty.call(val, key) ? val[key] : undefined;
            result[prop.key] = transform(v, prop.typ, getProps, key, ref);
        });
        Object.getOwnPropertyNames(val).forEach(key => {
            if (!Object.prototype.hasOwnProperty.call(props, key)) {
                result[key] = transform(val[key], additional, getProps, key, ref);
            }
        });
        return result;
    }

    if (typ === "any") return val;
    if (typ === null) {
        if (val === null) return val;
        return invalidValue(typ, val, key, parent);
    }
    if (typ === false) return invalidValue(typ, val, key, parent);
    let ref: any = undefined;
    while (typeof typ === "object" && typ.ref !== undefined) {
        ref = typ.ref;
        typ = typeMap[typ.ref];
    }
    if (Array.isArray(typ)) return transformEnum(typ, val);
    if (typeof typ === "object") {
        return typ.hasOwnProperty("unionMembers") ? transformUnion(typ.unionMembers, val)
            : typ.hasOwnProperty("arrayItems")    ? transformArray(typ.arrayItems, val)
            : typ.hasOwnProperty("props")         ? transformObject(getProps(typ), typ.additional, val)
            : invalidValue(typ, val, key, parent);
    }
    // Numbers can be parsed by Date but shouldn't be.
    if (typ === Date && typeof val !== "number") return transformDate(val);
    return transformPrimitive(typ, val);
}

function cast<T>(val: any, typ: any): T {
    return transform(val, typ, jsonToJSProps);
}

function uncast<T>(val: T, typ: any): any {
    return transform(val, typ, jsToJSONProps);
}

function l(typ: any) {
    return { literal: typ };
}

function a(typ: any) {
    return { arrayItems: typ };
}

function u(...typs: any[]) {
    return { unionMembers: typs };
}

function o(props: any[], additional: any) {
    return { props, additional };
}

function m(additional: any) {
    return { props: [], additional };
}

function r(name: string) {
    return { ref: name };
}

const typeMap: any = {
    "ACKRequest": o([
        { json: "actor", js: "actor", typ: u(undefined, "") },
    ], false),
    "AgentPollResponse": o([
        { json: "deliveries", js: "deliveries", typ: a(r("AgentDelivery")) },
        { json: "next_cursor", js: "next_cursor", typ: 0 },
        { json: "ok", js: "ok", typ: true },
    ], "any"),
    "AgentDelivery": o([
        { json: "at", js: "at", typ: Date },
        { json: "delivery_seq", js: "delivery_seq", typ: 0 },
        { json: "event_type", js: "event_type", typ: r("EventType") },
        { json: "intent", js: "intent", typ: r("Intent") },
        { json: "intent_id", js: "intent_id", typ: "" },
        { json: "intent_type", js: "intent_type", typ: u(undefined, "") },
        { json: "payload", js: "payload", typ: u(undefined, m("any")) },
        { json: "seq", js: "seq", typ: 0 },
        { json: "status", js: "status", typ: r("Status") },
    ], "any"),
    "Intent": o([
        { json: "correlation_id", js: "correlation_id", typ: "" },
        { json: "created_at", js: "created_at", typ: Date },
        { json: "deadline_at", js: "deadline_at", typ: u(undefined, u(Date, null)) },
        { json: "delivery_attempt", js: "delivery_attempt", typ: u(undefined, 0) },
        { json: "error", js: "error", typ: u(undefined, u(null, r("ErrorDetail"))) },
        { json: "escalate_to", js: "escalate_to", typ: u(undefined, u(null, "")) },
        { json: "from_agent", js: "from_agent", typ: "" },
        { json: "handler", js: "handler", typ: u(undefined, u(null, "")) },
        { json: "human_task", js: "human_task", typ: u(undefined, u(r("HumanTask"), null)) },
        { json: "intent_id", js: "intent_id", typ: "" },
        { json: "intent_type", js: "intent_type", typ: "" },
        { json: "last_seq", js: "last_seq", typ: 0 },
        { json: "lifecycle_status", js: "lifecycle_status", typ: r("Status") },
        { json: "max_delivery_attempts", js: "max_delivery_attempts", typ: u(undefined, 0) },
        { json: "max_reminders", js: "max_reminders", typ: u(undefined, u(0, null)) },
        { json: "metadata", js: "metadata", typ: u(undefined, m("")) },
        { json: "payload", js: "payload", typ: m("any") },
        { json: "policy_generation", js: "policy_generation", typ: u(undefined, 0) },
        { json: "remind_after_seconds", js: "remind_after_seconds", typ: u(undefined, u(0, null)) },
        { json: "remind_count", js: "remind_count", typ: u(undefined, 0) },
        { json: "remind_interval_seconds", js: "remind_interval_seconds", typ: u(undefined, u(0, null)) },
        { json: "reply_to", js: "reply_to", typ: u(undefined, u(null, "")) },
        { json: "result", js: "result", typ: u(undefined, u(m("any"), null)) },
        { json: "status", js: "status", typ: r("Status") },
        { json: "to_agent", js: "to_agent", typ: "" },
        { json: "updated_at", js: "updated_at", typ: Date },
        { json: "waiting_reason", js: "waiting_reason", typ: u(undefined, u(r("WaitingReason"), null)) },
    ], "any"),
    "ErrorDetail": o([
        { json: "code", js: "code", typ: "" },
        { json: "details", js: "details", typ: u(undefined, m("any")) },
        { json: "message", js: "message", typ: "" },
        { json: "retryable", js: "retryable", typ: u(undefined, true) },
    ], "any"),
    "HumanTask": o([
        { json: "allowed_outcomes", js: "allowed_outcomes", typ: u(undefined, a("")) },
        { json: "assignees", js: "assignees", typ: u(undefined, a("")) },
        { json: "description", js: "description", typ: u(undefined, "") },
        { json: "evidence_required", js: "evidence_required", typ: u(undefined, true) },
        { json: "form_schema", js: "form_schema", typ: u(undefined, m("any")) },
        { json: "required_comment", js: "required_comment", typ: u(undefined, true) },
        { json: "task_type", js: "task_type", typ: u(undefined, r("TaskType")) },
        { json: "title", js: "title", typ: "" },
    ], false),
    "CancelRequest": o([
        { json: "actor", js: "actor", typ: u(undefined, "") },
        { json: "reason", js: "reason", typ: u(undefined, "") },
    ], false),
    "CapabilitiesResponse": o([
        { json: "capabilities", js: "capabilities", typ: a("") },
        { json: "limits", js: "limits", typ: u(undefined, r("Limits")) },
        { json: "ok", js: "ok", typ: true },
        { json: "protocol_version", js: "protocol_version", typ: r("Version") },
        { json: "supported_intent_types", js: "supported_intent_types", typ: u(undefined, a("")) },
    ], "any"),
    "Limits": o([
        { json: "max_body_bytes", js: "max_body_bytes", typ: u(undefined, 0) },
        { json: "max_wait_seconds", js: "max_wait_seconds", typ: u(undefined, 0) },
    ], "any"),
    "CapabilityRegistry": o([
        { json: "capabilities", js: "capabilities", typ: a(r("Capability")) },
        { json: "description", js: "description", typ: u(undefined, "") },
        { json: "protocol_version", js: "protocol_version", typ: r("Version") },
    ], false),
    "Capability": o([
        { json: "core", js: "core", typ: true },
        { json: "description", js: "description", typ: "" },
        { json: "name", js: "name", typ: "" },
    ], false),
    "ConformanceReport": o([
        { json: "baseline", js: "baseline", typ: u(undefined, r("Baseline")) },
        { json: "capabilities", js: "capabilities", typ: a("") },
        { json: "checks", js: "checks", typ: a(r("Check")) },
        { json: "duration_seconds", js: "duration_seconds", typ: 3.14 },
        { json: "max_examples", js: "max_examples", typ: 0 },
        { json: "requirements", js: "requirements", typ: a(r("Requirement")) },
        { json: "restart", js: "restart", typ: u(undefined, r("Restart")) },
        { json: "seed", js: "seed", typ: 0 },
        { json: "spec_version", js: "spec_version", typ: r("Version") },
        { json: "started_at", js: "started_at", typ: Date },
        { json: "suite", js: "suite", typ: r("Suite") },
        { json: "suite_version", js: "suite_version", typ: "" },
        { json: "summary", js: "summary", typ: r("Summary") },
        { json: "target", js: "target", typ: "" },
    ], false),
    "Baseline": o([
        { json: "expected", js: "expected", typ: u(undefined, a("")) },
        { json: "stale", js: "stale", typ: u(undefined, a("")) },
    ], "any"),
    "Check": o([
        { json: "area", js: "area", typ: "" },
        { json: "duration_seconds", js: "duration_seconds", typ: 3.14 },
        { json: "evidence", js: "evidence", typ: u(m("any"), null) },
        { json: "failures", js: "failures", typ: a(r("Failure")) },
        { json: "message", js: "message", typ: "" },
        { json: "name", js: "name", typ: "" },
        { json: "node", js: "node", typ: "" },
        { json: "replay", js: "replay", typ: "" },
        { json: "requirements", js: "requirements", typ: a("") },
        { json: "status", js: "status", typ: r("CheckStatus") },
    ], false),
    "Failure": o([
        { json: "message", js: "message", typ: "" },
        { json: "requirement", js: "requirement", typ: "" },
    ], "any"),
    "Requirement": o([
        { json: "area", js: "area", typ: "" },
        { json: "checks", js: "checks", typ: a("") },
        { json: "id", js: "id", typ: "" },
        { json: "level", js: "level", typ: r("Level") },
        { json: "message", js: "message", typ: u(undefined, "") },
        { json: "text", js: "text", typ: "" },
        { json: "verdict", js: "verdict", typ: r("Verdict") },
    ], false),
    "Restart": o([
        { json: "command", js: "command", typ: u(undefined, "") },
        { json: "performed", js: "performed", typ: true },
        { json: "seconds", js: "seconds", typ: u(undefined, 3.14) },
    ], false),
    "Summary": o([
        { json: "by_area", js: "by_area", typ: m(r("ByArea")) },
        { json: "by_level", js: "by_level", typ: m(r("ByLevel")) },
        { json: "harness_errors", js: "harness_errors", typ: 0 },
        { json: "must_applicable", js: "must_applicable", typ: 0 },
        { json: "must_failed", js: "must_failed", typ: 0 },
        { json: "must_not_covered", js: "must_not_covered", typ: 0 },
        { json: "must_not_reached", js: "must_not_reached", typ: 0 },
        { json: "must_passed", js: "must_passed", typ: 0 },
        { json: "score", js: "score", typ: 3.14 },
    ], "any"),
    "ByArea": o([
        { json: "passed", js: "passed", typ: 0 },
        { json: "failed", js: "failed", typ: 0 },
        { json: "warning", js: "warning", typ: 0 },
        { json: "not_reached", js: "not_reached", typ: 0 },
        { json: "not_applicable", js: "not_applicable", typ: 0 },
        { json: "not_covered", js: "not_covered", typ: 0 },
        { json: "not_selected", js: "not_selected", typ: 0 },
    ], 0),
    "ByLevel": o([
        { json: "passed", js: "passed", typ: 0 },
        { json: "failed", js: "failed", typ: 0 },
        { json: "warning", js: "warning", typ: 0 },
        { json: "not_reached", js: "not_reached", typ: 0 },
        { json: "not_applicable", js: "not_applicable", typ: 0 },
        { json: "not_covered", js: "not_covered", typ: 0 },
        { json: "not_selected", js: "not_selected", typ: 0 },
    ], 0),
    "ControlsRequest": o([
        { json: "actor", js: "actor", typ: u(undefined, "") },
        { json: "controls_patch", js: "controls_patch", typ: r("ControlsPatch") },
        { json: "expected_policy_generation", js: "expected_policy_generation", typ: u(undefined, 0) },
        { json: "reason", js: "reason", typ: u(undefined, "") },
    ], false),
    "ControlsPatch": o([
        { json: "deadline_at", js: "deadline_at", typ: u(undefined, u(Date, null)) },
        { json: "escalate_to", js: "escalate_to", typ: u(undefined, "") },
        { json: "max_reminders", js: "max_reminders", typ: u(undefined, 0) },
        { json: "remind_after_seconds", js: "remind_after_seconds", typ: u(undefined, 0) },
        { json: "remind_interval_seconds", js: "remind_interval_seconds", typ: u(undefined, 0) },
    ], false),
    "ControlsResponse": o([
        { json: "applied", js: "applied", typ: true },
        { json: "intent", js: "intent", typ: r("Intent") },
        { json: "ok", js: "ok", typ: true },
        { json: "policy_generation", js: "policy_generation", typ: 0 },
    ], "any"),
    "CreateIntentRequest": o([
        { json: "correlation_id", js: "correlation_id", typ: "" },
        { json: "deadline_at", js: "deadline_at", typ: u(undefined, Date) },
        { json: "escalate_to", js: "escalate_to", typ: u(undefined, "") },
        { json: "from_agent", js: "from_agent", typ: u(undefined, "") },
        { json: "human_task", js: "human_task", typ: u(undefined, r("HumanTask")) },
        { json: "intent_type", js: "intent_type", typ: "" },
        { json: "max_delivery_attempts", js: "max_delivery_attempts", typ: u(undefined, 0) },
        { json: "max_reminders", js: "max_reminders", typ: u(undefined, 0) },
        { json: "metadata", js: "metadata", typ: u(undefined, m("")) },
        { json: "payload", js: "payload", typ: m("any") },
        { json: "remind_after_seconds", js: "remind_after_seconds", typ: u(undefined, 0) },
        { json: "remind_interval_seconds", js: "remind_interval_seconds", typ: u(undefined, 0) },
        { json: "reply_to", js: "reply_to", typ: u(undefined, "") },
        { json: "to_agent", js: "to_agent", typ: "" },
    ], false),
    "CreateIntentResponse": o([
        { json: "correlation_id", js: "correlation_id", typ: "" },
        { json: "created_at", js: "created_at", typ: Date },
        { json: "intent_id", js: "intent_id", typ: "" },
        { json: "ok", js: "ok", typ: true },
        { json: "status", js: "status", typ: r("Status") },
    ], "any"),
    "PushDelivery": o([
        { json: "attempt", js: "attempt", typ: 0 },
        { json: "delivery_id", js: "delivery_id", typ: "" },
        { json: "envelope", js: "envelope", typ: r("IntentEnvelope") },
        { json: "intent_id", js: "intent_id", typ: "" },
        { json: "sent_at", js: "sent_at", typ: Date },
    ], false),
    "IntentEnvelope": o([
        { json: "correlation_id", js: "correlation_id", typ: "" },
        { json: "created_at", js: "created_at", typ: Date },
        { json: "deadline_at", js: "deadline_at", typ: u(undefined, Date) },
        { json: "from_agent", js: "from_agent", typ: "" },
        { json: "human_task", js: "human_task", typ: u(undefined, r("HumanTask")) },
        { json: "idempotency_key", js: "idempotency_key", typ: u(undefined, "") },
        { json: "intent_id", js: "intent_id", typ: "" },
        { json: "intent_type", js: "intent_type", typ: "" },
        { json: "metadata", js: "metadata", typ: u(undefined, m("")) },
        { json: "payload", js: "payload", typ: m("any") },
        { json: "reply_to", js: "reply_to", typ: u(undefined, "") },
        { json: "to_agent", js: "to_agent", typ: "" },
        { json: "version", js: "version", typ: r("Version") },
    ], false),
    "ErrorRegistry": o([
        { json: "categories", js: "categories", typ: a(r("CategoryElement")) },
        { json: "codes", js: "codes", typ: a(r("Code")) },
        { json: "description", js: "description", typ: u(undefined, "") },
        { json: "protocol_version", js: "protocol_version", typ: r("Version") },
    ], false),
    "CategoryElement": o([
        { json: "description", js: "description", typ: "" },
        { json: "http_statuses", js: "http_statuses", typ: a(0) },
        { json: "name", js: "name", typ: "" },
    ], false),
    "Code": o([
        { json: "category", js: "category", typ: "" },
        { json: "code", js: "code", typ: "" },
        { json: "description", js: "description", typ: "" },
        { json: "http_status", js: "http_status", typ: 0 },
        { json: "retryable", js: "retryable", typ: true },
    ], false),
    "ErrorResponse": o([
        { json: "error", js: "error", typ: r("Error") },
        { json: "ok", js: "ok", typ: true },
    ], false),
    "Error": o([
        { json: "at", js: "at", typ: u(undefined, Date) },
        { json: "category", js: "category", typ: r("CategoryEnum") },
        { json: "code", js: "code", typ: "" },
        { json: "details", js: "details", typ: u(undefined, r("Details")) },
        { json: "message", js: "message", typ: "" },
        { json: "request_id", js: "request_id", typ: u(undefined, "") },
        { json: "retryable", js: "retryable", typ: true },
    ], false),
    "Details": o([
        { json: "errors", js: "errors", typ: u(undefined, a(r("ErrorElement"))) },
    ], "any"),
    "ErrorElement": o([
        { json: "message", js: "message", typ: "" },
        { json: "pointer", js: "pointer", typ: "" },
        { json: "requirement", js: "requirement", typ: u(undefined, "") },
        { json: "rule", js: "rule", typ: u(undefined, "") },
    ], "any"),
    "GetIntentResponse": o([
        { json: "intent", js: "intent", typ: r("Intent") },
        { json: "ok", js: "ok", typ: true },
    ], "any"),
    "HealthResponse": o([
        { json: "ok", js: "ok", typ: true },
        { json: "version", js: "version", typ: u(undefined, "") },
    ], "any"),
    "IntentUpdateResponse": o([
        { json: "applied", js: "applied", typ: true },
        { json: "event", js: "event", typ: u(null, r("IntentEvent")) },
        { json: "events", js: "events", typ: u(undefined, a(r("IntentEvent"))) },
        { json: "intent", js: "intent", typ: r("Intent") },
        { json: "ok", js: "ok", typ: true },
    ], "any"),
    "IntentEvent": o([
        { json: "actor", js: "actor", typ: u(undefined, u(null, "")) },
        { json: "at", js: "at", typ: Date },
        { json: "details", js: "details", typ: u(undefined, m("any")) },
        { json: "event_type", js: "event_type", typ: r("IntentEventEventType") },
        { json: "handler", js: "handler", typ: u(undefined, u(null, "")) },
        { json: "intent_id", js: "intent_id", typ: "" },
        { json: "seq", js: "seq", typ: 0 },
        { json: "status", js: "status", typ: r("Status") },
        { json: "waiting_reason", js: "waiting_reason", typ: u(undefined, u(r("WaitingReason"), null)) },
    ], "any"),
    "JSONTextVectors": o([
        { json: "description", js: "description", typ: "" },
        { json: "invalid", js: "invalid", typ: a(r("InvalidElement")) },
        { json: "max_accepted_depth", js: "max_accepted_depth", typ: 0 },
        { json: "refused_beyond_depth", js: "refused_beyond_depth", typ: 0 },
        { json: "valid", js: "valid", typ: a(r("ValidElement")) },
    ], false),
    "InvalidElement": o([
        { json: "requirement", js: "requirement", typ: "" },
        { json: "description", js: "description", typ: "" },
        { json: "name", js: "name", typ: "" },
        { json: "payload_text", js: "payload_text", typ: "" },
    ], false),
    "ValidElement": o([
        { json: "description", js: "description", typ: "" },
        { json: "name", js: "name", typ: "" },
        { json: "payload_text", js: "payload_text", typ: "" },
        { json: "requirement", js: "requirement", typ: u(undefined, "") },
    ], false),
    "LifecycleState": o([
        { json: "correlation_id", js: "correlation_id", typ: u(undefined, "") },
        { json: "deadline_at", js: "deadline_at", typ: u(undefined, u(Date, null)) },
        { json: "handler", js: "handler", typ: u(undefined, u(null, "")) },
        { json: "intent_id", js: "intent_id", typ: "" },
        { json: "seq", js: "seq", typ: 0 },
        { json: "status", js: "status", typ: r("Status") },
        { json: "updated_at", js: "updated_at", typ: Date },
        { json: "waiting_reason", js: "waiting_reason", typ: u(undefined, u(r("WaitingReason"), null)) },
    ], false),
    "LifecycleTable": o([
        { json: "annotation_events", js: "annotation_events", typ: a(r("AnnotationEvent")) },
        { json: "description", js: "description", typ: u(undefined, "") },
        { json: "initial_status", js: "initial_status", typ: "" },
        { json: "protocol_version", js: "protocol_version", typ: r("Version") },
        { json: "retired_event_types", js: "retired_event_types", typ: u(undefined, a(r("RetiredEventType"))) },
        { json: "statuses", js: "statuses", typ: a(r("StatusElement")) },
        { json: "transitions", js: "transitions", typ: a(r("Transition")) },
        { json: "waiting_reasons", js: "waiting_reasons", typ: a(r("WaitingReasonElement")) },
        { json: "waiting_status", js: "waiting_status", typ: "" },
    ], false),
    "AnnotationEvent": o([
        { json: "description", js: "description", typ: "" },
        { json: "event_type", js: "event_type", typ: "" },
    ], false),
    "RetiredEventType": o([
        { json: "event_type", js: "event_type", typ: "any" },
        { json: "replaced_by", js: "replaced_by", typ: "any" },
        { json: "reason", js: "reason", typ: "any" },
    ], "any"),
    "StatusElement": o([
        { json: "description", js: "description", typ: "" },
        { json: "event_type", js: "event_type", typ: "" },
        { json: "name", js: "name", typ: "" },
        { json: "terminal", js: "terminal", typ: true },
    ], false),
    "Transition": o([
        { json: "from", js: "from", typ: "" },
        { json: "to", js: "to", typ: a("") },
    ], false),
    "WaitingReasonElement": o([
        { json: "description", js: "description", typ: "" },
        { json: "name", js: "name", typ: "" },
    ], false),
    "ListEventsResponse": o([
        { json: "events", js: "events", typ: a(r("IntentEvent")) },
        { json: "has_more", js: "has_more", typ: true },
        { json: "next_seq", js: "next_seq", typ: 0 },
        { json: "ok", js: "ok", typ: true },
    ], "any"),
    "ListIntentsResponse": o([
        { json: "has_more", js: "has_more", typ: true },
        { json: "intents", js: "intents", typ: a(r("Intent")) },
        { json: "next_cursor", js: "next_cursor", typ: u(null, "") },
        { json: "ok", js: "ok", typ: true },
    ], "any"),
    "PushRegistrationRequest": o([
        { json: "secret", js: "secret", typ: "" },
        { json: "url", js: "url", typ: "" },
    ], false),
    "PushRegistrationResponse": o([
        { json: "agent", js: "agent", typ: "" },
        { json: "ok", js: "ok", typ: true },
        { json: "secret_hint", js: "secret_hint", typ: u(undefined, "") },
        { json: "url", js: "url", typ: "" },
    ], "any"),
    "ResolveRequest": o([
        { json: "actor", js: "actor", typ: u(undefined, "") },
        { json: "error", js: "error", typ: u(undefined, r("ErrorDetail")) },
        { json: "reason", js: "reason", typ: u(undefined, "") },
        { json: "result", js: "result", typ: u(undefined, m("any")) },
        { json: "status", js: "status", typ: r("TerminalResolveStatus") },
    ], false),
    "ResumeRequest": o([
        { json: "action", js: "action", typ: u(undefined, r("Action")) },
        { json: "actor", js: "actor", typ: u(undefined, "") },
        { json: "approve_current_step", js: "approve_current_step", typ: u(undefined, true) },
        { json: "error", js: "error", typ: u(undefined, r("ErrorDetail")) },
        { json: "reason", js: "reason", typ: u(undefined, "") },
        { json: "result", js: "result", typ: u(undefined, m("any")) },
        { json: "task_result", js: "task_result", typ: u(undefined, r("TaskResult")) },
        { json: "waiting_reason", js: "waiting_reason", typ: u(undefined, r("WaitingReason")) },
    ], false),
    "TaskResult": o([
        { json: "comment", js: "comment", typ: u(undefined, "") },
        { json: "data", js: "data", typ: u(undefined, m("any")) },
        { json: "outcome", js: "outcome", typ: "" },
    ], false),
    "StreamTimeout": o([
        { json: "last_seq", js: "last_seq", typ: 0 },
        { json: "next_seq", js: "next_seq", typ: 0 },
        { json: "ok", js: "ok", typ: true },
    ], "any"),
    "VectorFile": o([
        { json: "invalid", js: "invalid", typ: a(r("Invalid")) },
        { json: "schema", js: "schema", typ: "" },
        { json: "valid", js: "valid", typ: a(r("Valid")) },
    ], false),
    "Invalid": o([
        { json: "description", js: "description", typ: "" },
        { json: "message", js: "message", typ: "any" },
        { json: "name", js: "name", typ: "" },
        { json: "pointer", js: "pointer", typ: "" },
        { json: "requirement", js: "requirement", typ: u(null, "") },
        { json: "rule", js: "rule", typ: "" },
    ], false),
    "Valid": o([
        { json: "description", js: "description", typ: "" },
        { json: "message", js: "message", typ: "any" },
        { json: "name", js: "name", typ: "" },
    ], false),
    "EventType": [
        "intent.delivered",
    ],
    "TaskType": [
        "approval",
        "assignment",
        "attach_file",
        "clarification",
        "confirmation",
        "delegation",
        "escalate",
        "manual_action",
        "override",
        "provide_data",
        "reroute",
        "review",
        "validate_output",
        "validate_real_world",
    ],
    "Status": [
        "ACKNOWLEDGED",
        "CANCELED",
        "COMPLETED",
        "CREATED",
        "DELIVERED",
        "FAILED",
        "IN_PROGRESS",
        "SUBMITTED",
        "TIMED_OUT",
        "WAITING",
    ],
    "WaitingReason": [
        "WAITING_FOR_AGENT",
        "WAITING_FOR_HUMAN",
        "WAITING_FOR_TIME",
        "WAITING_FOR_TOOL",
    ],
    "Version": [
        "v1",
    ],
    "CheckStatus": [
        "failed",
        "harness_error",
        "not_applicable",
        "not_covered",
        "passed",
    ],
    "Level": [
        "MAY",
        "MUST",
        "MUST NOT",
        "SHOULD",
        "SHOULD NOT",
    ],
    "Verdict": [
        "failed",
        "not_applicable",
        "not_covered",
        "not_reached",
        "not_selected",
        "passed",
        "warning",
    ],
    "Suite": [
        "axp-conformance",
    ],
    "CategoryEnum": [
        "auth",
        "conflict",
        "internal",
        "not_found",
        "policy",
        "rate_limit",
        "timeout",
        "transport",
        "validation",
    ],
    "IntentEventEventType": [
        "intent.acknowledged",
        "intent.canceled",
        "intent.completed",
        "intent.created",
        "intent.delivered",
        "intent.delivery_failed",
        "intent.escalated",
        "intent.failed",
        "intent.human_task_assigned",
        "intent.in_progress",
        "intent.reminder",
        "intent.submitted",
        "intent.timed_out",
        "intent.transfer",
        "intent.waiting",
    ],
    "TerminalResolveStatus": [
        "CANCELED",
        "COMPLETED",
        "FAILED",
    ],
    "Action": [
        "complete",
        "fail",
        "start",
        "wait",
    ],
};
