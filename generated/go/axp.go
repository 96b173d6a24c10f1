// Code generated from JSON Schema using quicktype. DO NOT EDIT.
// To parse and unparse this JSON data, add this code to your project and do:
//
//    aCKRequest, err := UnmarshalACKRequest(bytes)
//    bytes, err = aCKRequest.Marshal()
//
//    agentDelivery, err := UnmarshalAgentDelivery(bytes)
//    bytes, err = agentDelivery.Marshal()
//
//    agentPollResponse, err := UnmarshalAgentPollResponse(bytes)
//    bytes, err = agentPollResponse.Marshal()
//
//    cancelRequest, err := UnmarshalCancelRequest(bytes)
//    bytes, err = cancelRequest.Marshal()
//
//    capabilitiesResponse, err := UnmarshalCapabilitiesResponse(bytes)
//    bytes, err = capabilitiesResponse.Marshal()
//
//    capabilityRegistry, err := UnmarshalCapabilityRegistry(bytes)
//    bytes, err = capabilityRegistry.Marshal()
//
//    conformanceReport, err := UnmarshalConformanceReport(bytes)
//    bytes, err = conformanceReport.Marshal()
//
//    controlsRequest, err := UnmarshalControlsRequest(bytes)
//    bytes, err = controlsRequest.Marshal()
//
//    controlsResponse, err := UnmarshalControlsResponse(bytes)
//    bytes, err = controlsResponse.Marshal()
//
//    createIntentRequest, err := UnmarshalCreateIntentRequest(bytes)
//    bytes, err = createIntentRequest.Marshal()
//
//    createIntentResponse, err := UnmarshalCreateIntentResponse(bytes)
//    bytes, err = createIntentResponse.Marshal()
//
//    pushDelivery, err := UnmarshalPushDelivery(bytes)
//    bytes, err = pushDelivery.Marshal()
//
//    intentEnvelope, err := UnmarshalIntentEnvelope(bytes)
//    bytes, err = intentEnvelope.Marshal()
//
//    error, err := UnmarshalError(bytes)
//    bytes, err = error.Marshal()
//
//    errorRegistry, err := UnmarshalErrorRegistry(bytes)
//    bytes, err = errorRegistry.Marshal()
//
//    errorResponse, err := UnmarshalErrorResponse(bytes)
//    bytes, err = errorResponse.Marshal()
//
//    intentEvent, err := UnmarshalIntentEvent(bytes)
//    bytes, err = intentEvent.Marshal()
//
//    getIntentResponse, err := UnmarshalGetIntentResponse(bytes)
//    bytes, err = getIntentResponse.Marshal()
//
//    healthResponse, err := UnmarshalHealthResponse(bytes)
//    bytes, err = healthResponse.Marshal()
//
//    humanTask, err := UnmarshalHumanTask(bytes)
//    bytes, err = humanTask.Marshal()
//
//    intent, err := UnmarshalIntent(bytes)
//    bytes, err = intent.Marshal()
//
//    intentUpdateResponse, err := UnmarshalIntentUpdateResponse(bytes)
//    bytes, err = intentUpdateResponse.Marshal()
//
//    jSONTextVectors, err := UnmarshalJSONTextVectors(bytes)
//    bytes, err = jSONTextVectors.Marshal()
//
//    lifecycleState, err := UnmarshalLifecycleState(bytes)
//    bytes, err = lifecycleState.Marshal()
//
//    lifecycleTable, err := UnmarshalLifecycleTable(bytes)
//    bytes, err = lifecycleTable.Marshal()
//
//    listEventsResponse, err := UnmarshalListEventsResponse(bytes)
//    bytes, err = listEventsResponse.Marshal()
//
//    listIntentsResponse, err := UnmarshalListIntentsResponse(bytes)
//    bytes, err = listIntentsResponse.Marshal()
//
//    pushRegistrationRequest, err := UnmarshalPushRegistrationRequest(bytes)
//    bytes, err = pushRegistrationRequest.Marshal()
//
//    pushRegistrationResponse, err := UnmarshalPushRegistrationResponse(bytes)
//    bytes, err = pushRegistrationResponse.Marshal()
//
//    resolveRequest, err := UnmarshalResolveRequest(bytes)
//    bytes, err = resolveRequest.Marshal()
//
//    resumeRequest, err := UnmarshalResumeRequest(bytes)
//    bytes, err = resumeRequest.Marshal()
//
//    streamTimeout, err := UnmarshalStreamTimeout(bytes)
//    bytes, err = streamTimeout.Marshal()
//
//    taskResult, err := UnmarshalTaskResult(bytes)
//    bytes, err = taskResult.Marshal()
//
//    vectorFile, err := UnmarshalVectorFile(bytes)
//    bytes, err = vectorFile.Marshal()

package axp

import "time"

import "encoding/json"

func UnmarshalACKRequest(data []byte) (ACKRequest, error) {
	var r ACKRequest
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *ACKRequest) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalAgentDelivery(data []byte) (AgentDelivery, error) {
	var r AgentDelivery
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *AgentDelivery) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalAgentPollResponse(data []byte) (AgentPollResponse, error) {
	var r AgentPollResponse
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *AgentPollResponse) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalCancelRequest(data []byte) (CancelRequest, error) {
	var r CancelRequest
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *CancelRequest) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalCapabilitiesResponse(data []byte) (CapabilitiesResponse, error) {
	var r CapabilitiesResponse
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *CapabilitiesResponse) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalCapabilityRegistry(data []byte) (CapabilityRegistry, error) {
	var r CapabilityRegistry
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *CapabilityRegistry) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalConformanceReport(data []byte) (ConformanceReport, error) {
	var r ConformanceReport
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *ConformanceReport) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalControlsRequest(data []byte) (ControlsRequest, error) {
	var r ControlsRequest
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *ControlsRequest) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalControlsResponse(data []byte) (ControlsResponse, error) {
	var r ControlsResponse
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *ControlsResponse) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalCreateIntentRequest(data []byte) (CreateIntentRequest, error) {
	var r CreateIntentRequest
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *CreateIntentRequest) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalCreateIntentResponse(data []byte) (CreateIntentResponse, error) {
	var r CreateIntentResponse
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *CreateIntentResponse) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalPushDelivery(data []byte) (PushDelivery, error) {
	var r PushDelivery
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *PushDelivery) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalIntentEnvelope(data []byte) (IntentEnvelope, error) {
	var r IntentEnvelope
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *IntentEnvelope) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalError(data []byte) (Error, error) {
	var r Error
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *Error) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalErrorRegistry(data []byte) (ErrorRegistry, error) {
	var r ErrorRegistry
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *ErrorRegistry) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalErrorResponse(data []byte) (ErrorResponse, error) {
	var r ErrorResponse
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *ErrorResponse) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalIntentEvent(data []byte) (IntentEvent, error) {
	var r IntentEvent
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *IntentEvent) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalGetIntentResponse(data []byte) (GetIntentResponse, error) {
	var r GetIntentResponse
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *GetIntentResponse) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalHealthResponse(data []byte) (HealthResponse, error) {
	var r HealthResponse
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *HealthResponse) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalHumanTask(data []byte) (HumanTask, error) {
	var r HumanTask
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *HumanTask) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalIntent(data []byte) (Intent, error) {
	var r Intent
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *Intent) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalIntentUpdateResponse(data []byte) (IntentUpdateResponse, error) {
	var r IntentUpdateResponse
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *IntentUpdateResponse) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalJSONTextVectors(data []byte) (JSONTextVectors, error) {
	var r JSONTextVectors
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *JSONTextVectors) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalLifecycleState(data []byte) (LifecycleState, error) {
	var r LifecycleState
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *LifecycleState) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalLifecycleTable(data []byte) (LifecycleTable, error) {
	var r LifecycleTable
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *LifecycleTable) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalListEventsResponse(data []byte) (ListEventsResponse, error) {
	var r ListEventsResponse
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *ListEventsResponse) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalListIntentsResponse(data []byte) (ListIntentsResponse, error) {
	var r ListIntentsResponse
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *ListIntentsResponse) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalPushRegistrationRequest(data []byte) (PushRegistrationRequest, error) {
	var r PushRegistrationRequest
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *PushRegistrationRequest) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalPushRegistrationResponse(data []byte) (PushRegistrationResponse, error) {
	var r PushRegistrationResponse
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *PushRegistrationResponse) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalResolveRequest(data []byte) (ResolveRequest, error) {
	var r ResolveRequest
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *ResolveRequest) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalResumeRequest(data []byte) (ResumeRequest, error) {
	var r ResumeRequest
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *ResumeRequest) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalStreamTimeout(data []byte) (StreamTimeout, error) {
	var r StreamTimeout
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *StreamTimeout) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalTaskResult(data []byte) (TaskResult, error) {
	var r TaskResult
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *TaskResult) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

func UnmarshalVectorFile(data []byte) (VectorFile, error) {
	var r VectorFile
	err := json.Unmarshal(data, &r)
	return r, err
}

func (r *VectorFile) Marshal() ([]byte, error) {
	return json.Marshal(r)
}

// Body of POST /v1/intents/{intent_id}/ack (may be empty).
type ACKRequest struct {
	// Accepted for compatibility with upstream clients and ignored: events name the        
	// authenticated principal (AXP-EV-009).                                                
	Actor                                                                           *string `json:"actor,omitempty"`
}

// Body of GET /v1/agents/{org}/{workspace}/{name}/intents (poll delivery).
type AgentPollResponse struct {
	// At most limit delivery records after since, oldest first, filtered to live intents                       
	// (AXP-DLV-008).                                                                                           
	Deliveries                                                                                  []AgentDelivery `json:"deliveries"`
	// The since of the next poll: past every record this page examined, filtered ones included;                
	// never less than the since asked for.                                                                     
	NextCursor                                                                                  int64           `json:"next_cursor"`
	// Always true on a 200 answer.                                                                             
	Ok                                                                                          bool            `json:"ok"`
}

// One delivery record on an agent's stream or poll: an intent handed to its addressed
// agent. seq is the per-agent delivery cursor, not the per-intent event seq.
type AgentDelivery struct {
	// When the record was made (the intent's creation).                                                            
	At                                                                                       time.Time              `json:"at"`
	// The same cursor as seq, under a name that cannot be mistaken for an event seq                                
	// (AXP-DLV-007).                                                                                               
	DeliverySeq                                                                              int64                  `json:"delivery_seq"`
	// Always intent.delivered: the frame hands an intent to its agent, whatever the intent's                       
	// status.                                                                                                      
	EventType                                                                                EventType              `json:"event_type"`
	// The whole intent as GET /v1/intents/{intent_id} would answer it at read time.                                
	Intent                                                                                   Intent                 `json:"intent"`
	// The intent handed over.                                                                                      
	IntentID                                                                                 string                 `json:"intent_id"`
	// Copy of intent.intent_type, for agents that route before reading the intent.                                 
	IntentType                                                                               *string                `json:"intent_type,omitempty"`
	// Copy of intent.payload.                                                                                      
	Payload                                                                                  map[string]interface{} `json:"payload,omitempty"`
	// The record's per-agent delivery cursor (not the intent's event seq); pass the last one                       
	// seen as since to resume (AXP-DLV-007).                                                                       
	Seq                                                                                      int64                  `json:"seq"`
	// The intent's status when the record was read (the status filter applies to it,                               
	// AXP-DLV-014).                                                                                                
	Status                                                                                   Status                 `json:"status"`
}

// The whole intent as GET /v1/intents/{intent_id} would answer it at read time.
//
// The intent resource as the server returns it. Unknown extra fields are allowed (clients
// ignore them, AXP-VER-001).
//
// The intent after the patch.
//
// The intent as it is now.
//
// The intent after the write.
type Intent struct {
	// The workflow the intent belongs to, as the client gave it (AXP-COR-001).                                       
	CorrelationID                                                                              string                 `json:"correlation_id"`
	// When the platform accepted the intent.                                                                         
	CreatedAt                                                                                  time.Time              `json:"created_at"`
	// When the intent times out if it has not ended; null for none.                                                  
	DeadlineAt                                                                                 *time.Time             `json:"deadline_at,omitempty"`
	// How many push attempts have been made.                                                                         
	DeliveryAttempt                                                                            *int64                 `json:"delivery_attempt,omitempty"`
	// Why a FAILED or TIMED_OUT intent ended; null before.                                                           
	Error                                                                                      *ErrorDetail           `json:"error,omitempty"`
	// Who is named in intent.escalated after the last reminder.                                                      
	EscalateTo                                                                                 *string                `json:"escalate_to,omitempty"`
	// The sender, derived from its credential (AXP-ENV-005).                                                         
	FromAgent                                                                                  string                 `json:"from_agent"`
	// Who handles the intent after a transfer; null until one happens (AXP-LC-013).                                  
	Handler                                                                                    *string                `json:"handler,omitempty"`
	// The task for a person, when the intent is one.                                                                 
	HumanTask                                                                                  *HumanTask             `json:"human_task,omitempty"`
	// The intent's id, assigned by the platform (AXP-ID-004).                                                        
	IntentID                                                                                   string                 `json:"intent_id"`
	// What kind of work this is, with its version.                                                                   
	IntentType                                                                                 string                 `json:"intent_type"`
	// The seq of the intent's last event.                                                                            
	LastSeq                                                                                    int64                  `json:"last_seq"`
	// The same value as status, for clients that read this name (AXP-API-002).                                       
	LifecycleStatus                                                                            Status                 `json:"lifecycle_status"`
	// Failed pushes after which the intent fails with delivery_failed.                                               
	MaxDeliveryAttempts                                                                        *int64                 `json:"max_delivery_attempts,omitempty"`
	// How many reminders at most.                                                                                    
	MaxReminders                                                                               *int64                 `json:"max_reminders,omitempty"`
	// String hints for routing and tracing, as created.                                                              
	Metadata                                                                                   map[string]string      `json:"metadata,omitempty"`
	// The work itself, as created.                                                                                   
	Payload                                                                                    map[string]interface{} `json:"payload"`
	// Counts applied controls patches, from 0; the compare-and-set value of controls                                 
	// (AXP-API-017).                                                                                                 
	PolicyGeneration                                                                           *int64                 `json:"policy_generation,omitempty"`
	// Seconds before the first reminder; null for no reminders.                                                      
	RemindAfterSeconds                                                                         *int64                 `json:"remind_after_seconds,omitempty"`
	// How many reminders have fired.                                                                                 
	RemindCount                                                                                *int64                 `json:"remind_count,omitempty"`
	// Seconds between later reminders.                                                                               
	RemindIntervalSeconds                                                                      *int64                 `json:"remind_interval_seconds,omitempty"`
	// An agent to tell about the outcome, if the client named one.                                                   
	ReplyTo                                                                                    *string                `json:"reply_to,omitempty"`
	// The outcome of a COMPLETED intent (a human task's answer under result.task_result); null                       
	// before.                                                                                                        
	Result                                                                                     map[string]interface{} `json:"result,omitempty"`
	// The current status: the status of the last event (AXP-LC-008).                                                 
	Status                                                                                     Status                 `json:"status"`
	// The agent the intent is addressed to.                                                                          
	ToAgent                                                                                    string                 `json:"to_agent"`
	// When the intent last changed.                                                                                  
	UpdatedAt                                                                                  time.Time              `json:"updated_at"`
	// What a WAITING intent waits on; null otherwise.                                                                
	WaitingReason                                                                              *WaitingReason         `json:"waiting_reason,omitempty"`
}

// A failure description carried by FAILED intents and resume/resolve bodies.
//
// Why it failed; required with FAILED.
//
// Why it failed; required with action fail.
type ErrorDetail struct {
	// Machine-readable failure code, lower case (for example delivery_failed, out_of_stock).                       
	Code                                                                                     string                 `json:"code"`
	// Further machine-readable facts about the failure.                                                            
	Details                                                                                  map[string]interface{} `json:"details,omitempty"`
	// What went wrong, for people.                                                                                 
	Message                                                                                  string                 `json:"message"`
	// Whether trying the same work again may succeed.                                                              
	Retryable                                                                                *bool                  `json:"retryable,omitempty"`
}

// A task a person must answer; put on an intent at create time (AXP-HT-*).
//
// Makes the intent a task for a person: it waits WAITING_FOR_HUMAN for a task_result
// (AXP-HT-001).
//
// The task for a person, when the intent is one.
type HumanTask struct {
	// Outcomes a task_result may carry; default [approved, rejected].                                   
	AllowedOutcomes                                                               []string               `json:"allowed_outcomes,omitempty"`
	// Who may answer, as addresses or names the platform's task tool understands.                       
	Assignees                                                                     []string               `json:"assignees,omitempty"`
	// More context for the person.                                                                      
	Description                                                                   *string                `json:"description,omitempty"`
	// task_result.data.evidence must be present and non-empty.                                          
	EvidenceRequired                                                              *bool                  `json:"evidence_required,omitempty"`
	// A JSON Schema 2020-12 that task_result.data must satisfy.                                         
	FormSchema                                                                    map[string]interface{} `json:"form_schema,omitempty"`
	// When true, a task_result needs a non-empty comment (AXP-HT-003).                                  
	RequiredComment                                                               *bool                  `json:"required_comment,omitempty"`
	// The kind of task, for the tool that shows it; default approval.                                   
	TaskType                                                                      *TaskType              `json:"task_type,omitempty"`
	// What the person is asked, in one line.                                                            
	Title                                                                         string                 `json:"title"`
}

// Body of POST /v1/intents/{intent_id}/cancel.
type CancelRequest struct {
	// Accepted for compatibility with upstream clients and ignored: events name the           
	// authenticated principal (AXP-EV-009).                                                   
	Actor                                                                              *string `json:"actor,omitempty"`
	// Why the sender cancels; recorded as details.reason of the intent.canceled event.        
	Reason                                                                             *string `json:"reason,omitempty"`
}

// Body of GET /v1/capabilities (AXP-CAP-001). Capability names: spec/capabilities.json.
type CapabilitiesResponse struct {
	// Every core capability and every optional one the server implements fully (names from         
	// spec/capabilities.json, or x- extensions).                                                   
	Capabilities                                                                           []string `json:"capabilities"`
	// Limits the server enforces (AXP-CAP-004).                                                    
	Limits                                                                                 *Limits  `json:"limits,omitempty"`
	// Always true on a 200 answer.                                                                 
	Ok                                                                                     bool     `json:"ok"`
	// The protocol version the server speaks: v1.                                                  
	ProtocolVersion                                                                        Version  `json:"protocol_version"`
	// Intent types the server accepts; ["*"] means any well-formed type.                           
	SupportedIntentTypes                                                                   []string `json:"supported_intent_types,omitempty"`
}

// Limits the server enforces (AXP-CAP-004).
type Limits struct {
	// The largest request body accepted, in bytes; larger ones are 413 payload_too_large.       
	MaxBodyBytes                                                                          *int64 `json:"max_body_bytes,omitempty"`
	// The largest wait_seconds a stream accepts.                                                
	MaxWaitSeconds                                                                        *int64 `json:"max_wait_seconds,omitempty"`
}

// Schema of spec/capabilities.json, the capability vocabulary.
type CapabilityRegistry struct {
	// Every capability name of the protocol.                          
	Capabilities                                          []Capability `json:"capabilities"`
	// What the file is, for people.                                   
	Description                                           *string      `json:"description,omitempty"`
	// The protocol version the vocabulary belongs to: v1.             
	ProtocolVersion                                       Version      `json:"protocol_version"`
}

type Capability struct {
	// true when every server must implement it; false for an optional capability.       
	Core                                                                          bool   `json:"core"`
	// What claiming the capability promises.                                            
	Description                                                                   string `json:"description"`
	// The capability name a server lists in GET /v1/capabilities.                       
	Name                                                                          string `json:"name"`
}

// The JSON report of `axp conformance run --report json`: one verdict per requirement ID,
// and every check's outcome with evidence and a replay command.
type ConformanceReport struct {
	// Failures the run was told to expect (--baseline), and those that no longer happen.                     
	Baseline                                                                                    *Baseline     `json:"baseline,omitempty"`
	// The capabilities the server listed; checks of unlisted optional ones were not applicable.              
	Capabilities                                                                                []string      `json:"capabilities"`
	// Every check's outcome.                                                                                 
	Checks                                                                                      []Check       `json:"checks"`
	// How long the run took.                                                                                 
	DurationSeconds                                                                             float64       `json:"duration_seconds"`
	// Generated examples per fuzzed operation.                                                               
	MaxExamples                                                                                 int64         `json:"max_examples"`
	// One verdict per requirement ID of the spec.                                                            
	Requirements                                                                                []Requirement `json:"requirements"`
	// The crash-restart phase: whether the server was restarted between the two halves of the                
	// restart checks, and how long it took to answer /health again.                                          
	Restart                                                                                     *Restart      `json:"restart,omitempty"`
	// The seed of the generated requests; the same seed replays the same run.                                
	Seed                                                                                        int64         `json:"seed"`
	// The protocol version tested: v1.                                                                       
	SpecVersion                                                                                 Version       `json:"spec_version"`
	// When the run started.                                                                                  
	StartedAt                                                                                   time.Time     `json:"started_at"`
	// The tool that wrote the report: axp-conformance.                                                       
	Suite                                                                                       Suite         `json:"suite"`
	// The version of the conformance suite.                                                                  
	SuiteVersion                                                                                string        `json:"suite_version"`
	// The counts behind the verdict.                                                                         
	Summary                                                                                     Summary       `json:"summary"`
	// The base URL of the server tested.                                                                     
	Target                                                                                      string        `json:"target"`
}

// Failures the run was told to expect (--baseline), and those that no longer happen.
type Baseline struct {
	// Requirement IDs expected to fail.                  
	Expected                                     []string `json:"expected,omitempty"`
	// Expected failures that passed in this run.         
	Stale                                        []string `json:"stale,omitempty"`
}

type Check struct {
	// The area it belongs to.                                                                                       
	Area                                                                                      string                 `json:"area"`
	// How long the check took.                                                                                      
	DurationSeconds                                                                           float64                `json:"duration_seconds"`
	// The last request and answer before the failure; null when the check passed.                                   
	Evidence                                                                                  map[string]interface{} `json:"evidence"`
	// Every requirement the check found broken, with the message.                                                   
	Failures                                                                                  []Failure              `json:"failures"`
	// What went wrong, or why it did not apply.                                                                     
	Message                                                                                   string                 `json:"message"`
	// The check's name.                                                                                             
	Name                                                                                      string                 `json:"name"`
	// <area>/<check>: the check's stable name in reports and pytest node IDs.                                       
	Node                                                                                      string                 `json:"node"`
	// The command that runs this check again with the same seed.                                                    
	Replay                                                                                    string                 `json:"replay"`
	// The requirement IDs it verifies.                                                                              
	Requirements                                                                              []string               `json:"requirements"`
	// passed, failed, not_applicable (an unclaimed capability), not_covered (the check could                        
	// not run here: a restart check without --restart-cmd) or harness_error (the suite's side                       
	// failed).                                                                                                      
	Status                                                                                    CheckStatus            `json:"status"`
}

type Failure struct {
	// How it was broken.               
	Message                      string `json:"message"`
	// The requirement ID broken.       
	Requirement                  string `json:"requirement"`
}

type Requirement struct {
	// Its area code.                                                                                  
	Area                                                                                      string   `json:"area"`
	// The checks that verify it.                                                                      
	Checks                                                                                    []string `json:"checks"`
	// The requirement ID.                                                                             
	ID                                                                                        string   `json:"id"`
	// Its level.                                                                                      
	Level                                                                                     Level    `json:"level"`
	// Why: the first failure, or why nothing could observe it.                                        
	Message                                                                                   *string  `json:"message,omitempty"`
	// Its sentence from the spec.                                                                     
	Text                                                                                      string   `json:"text"`
	// passed; failed (a MUST a failure names); warning (a SHOULD/MAY a failure names);                
	// not_reached (its checks stopped at another requirement's failure first); not_applicable         
	// (an optional capability the server does not claim, or a rule for clients); not_covered          
	// (nothing in this run could observe it: message says why); not_selected (left out by             
	// --only/--skip/--level).                                                                         
	Verdict                                                                                   Verdict  `json:"verdict"`
}

// The crash-restart phase: whether the server was restarted between the two halves of the
// restart checks, and how long it took to answer /health again.
type Restart struct {
	// The restart command, when one was given.                                                       
	Command                                                                                  *string  `json:"command,omitempty"`
	// True when the server was restarted (--restart-cmd, or kill -9 of the embedded server).         
	Performed                                                                                bool     `json:"performed"`
	// Seconds from the restart command to the first healthy answer.                                  
	Seconds                                                                                  *float64 `json:"seconds,omitempty"`
}

// The counts behind the verdict.
type Summary struct {
	// Requirement verdict counts (passed, failed, warning, not_applicable, not_covered) per                               
	// requirement area (API, LC, ...).                                                                                    
	ByArea                                                                                     map[string]map[string]int64 `json:"by_area"`
	// Requirement verdict counts (passed, failed, warning, not_applicable, not_covered) per                               
	// level (MUST, SHOULD, MAY).                                                                                          
	ByLevel                                                                                    map[string]map[string]int64 `json:"by_level"`
	// Checks that failed on the suite's side; never counted against the server.                                           
	HarnessErrors                                                                              int64                       `json:"harness_errors"`
	// MUST requirements that passed or failed: the score's denominator.                                                   
	MustApplicable                                                                             int64                       `json:"must_applicable"`
	// MUST requirements a failure names.                                                                                  
	MustFailed                                                                                 int64                       `json:"must_failed"`
	// MUST requirements nothing in this run observed (each says why); --require-coverage fails                            
	// the run on any.                                                                                                     
	MustNotCovered                                                                             int64                       `json:"must_not_covered"`
	// MUST requirements whose checks stopped at another requirement's failure before reaching                             
	// them.                                                                                                               
	MustNotReached                                                                             int64                       `json:"must_not_reached"`
	// MUST requirements shown to hold.                                                                                    
	MustPassed                                                                                 int64                       `json:"must_passed"`
	// must_passed as a percentage of must_applicable.                                                                     
	Score                                                                                      float64                     `json:"score"`
}

// Body of POST /v1/intents/{intent_id}/controls.
type ControlsRequest struct {
	// Accepted for compatibility with upstream clients and ignored: events name the                        
	// authenticated principal (AXP-EV-009).                                                                
	Actor                                                                                     *string       `json:"actor,omitempty"`
	// The controls to change; fields left out keep their value (AXP-API-017).                              
	ControlsPatch                                                                             ControlsPatch `json:"controls_patch"`
	// Apply the patch only if the intent's policy_generation still equals this; otherwise 409              
	// stale_policy_generation.                                                                             
	ExpectedPolicyGeneration                                                                  *int64        `json:"expected_policy_generation,omitempty"`
	// Why the controls change, for people; the platform does not act on it.                                
	Reason                                                                                    *string       `json:"reason,omitempty"`
}

// The controls to change; fields left out keep their value (AXP-API-017).
type ControlsPatch struct {
	// The new deadline; null removes it.                                         
	DeadlineAt                                                         *time.Time `json:"deadline_at,omitempty"`
	// Who is told (intent.escalated) when the last reminder has fired.           
	EscalateTo                                                         *string    `json:"escalate_to,omitempty"`
	// How many reminders at most; those already sent count.                      
	MaxReminders                                                       *int64     `json:"max_reminders,omitempty"`
	// Seconds before the first reminder.                                         
	RemindAfterSeconds                                                 *int64     `json:"remind_after_seconds,omitempty"`
	// Seconds between later reminders.                                           
	RemindIntervalSeconds                                              *int64     `json:"remind_interval_seconds,omitempty"`
}

// Body of a 200 answer to POST /v1/intents/{intent_id}/controls.
type ControlsResponse struct {
	// Whether the patch changed the intent.                 
	Applied                                           bool   `json:"applied"`
	// The intent after the patch.                           
	Intent                                            Intent `json:"intent"`
	// Always true on a 200 answer.                          
	Ok                                                bool   `json:"ok"`
	// The intent's policy_generation after the patch.       
	PolicyGeneration                                  int64  `json:"policy_generation"`
}

// Body of POST /v1/intents.
type CreateIntentRequest struct {
	// The workflow this intent belongs to; keep it across retries and related intents                          
	// (AXP-COR-002).                                                                                           
	CorrelationID                                                                        string                 `json:"correlation_id"`
	// When the intent times out if it has not ended (AXP-TMR-004).                                             
	DeadlineAt                                                                           *time.Time             `json:"deadline_at,omitempty"`
	// Who is named in the intent.escalated event after the last reminder (AXP-TMR-002).                        
	EscalateTo                                                                           *string                `json:"escalate_to,omitempty"`
	// Deprecated: ignored; the server derives the sender from the credential.                                  
	FromAgent                                                                            *string                `json:"from_agent,omitempty"`
	// Makes the intent a task for a person: it waits WAITING_FOR_HUMAN for a task_result                       
	// (AXP-HT-001).                                                                                            
	HumanTask                                                                            *HumanTask             `json:"human_task,omitempty"`
	// What kind of work this is, with its version, e.g. order.fulfill.v1 (AXP-ID-002).                         
	IntentType                                                                           string                 `json:"intent_type"`
	// Failed push attempts after which the intent fails with delivery_failed; default 3                        
	// (AXP-DLV-004).                                                                                           
	MaxDeliveryAttempts                                                                  *int64                 `json:"max_delivery_attempts,omitempty"`
	// How many reminders at most; default 3.                                                                   
	MaxReminders                                                                         *int64                 `json:"max_reminders,omitempty"`
	// String hints for routing and tracing; they never change the platform's behaviour                         
	// (AXP-ENV-004).                                                                                           
	Metadata                                                                             map[string]string      `json:"metadata,omitempty"`
	// The work itself; its meaning is defined by intent_type (AXP-ENV-003).                                    
	Payload                                                                              map[string]interface{} `json:"payload"`
	// Seconds after creation before the first intent.reminder (AXP-TMR-001).                                   
	RemindAfterSeconds                                                                   *int64                 `json:"remind_after_seconds,omitempty"`
	// Seconds between later reminders; default remind_after_seconds.                                           
	RemindIntervalSeconds                                                                *int64                 `json:"remind_interval_seconds,omitempty"`
	// An agent to tell about the outcome, when it is not the sender.                                           
	ReplyTo                                                                              *string                `json:"reply_to,omitempty"`
	// The agent that should do the work (AXP-ID-001).                                                          
	ToAgent                                                                              string                 `json:"to_agent"`
}

// Body of a 200 answer to POST /v1/intents; an idempotent replay returns the same body.
type CreateIntentResponse struct {
	// The correlation_id of the request, unchanged (AXP-COR-001).                                        
	CorrelationID                                                                               string    `json:"correlation_id"`
	// When the platform accepted the intent.                                                             
	CreatedAt                                                                                   time.Time `json:"created_at"`
	// The id the platform assigned (AXP-ID-004).                                                         
	IntentID                                                                                    string    `json:"intent_id"`
	// Always true on a 200 answer.                                                                       
	Ok                                                                                          bool      `json:"ok"`
	// The intent's status after the create's own events: SUBMITTED, or WAITING for a human task          
	// (AXP-API-021).                                                                                     
	Status                                                                                      Status    `json:"status"`
}

// Body the server POSTs to an agent's registered push URL. sent_at and delivery_id are
// inside the HMAC-signed body so receivers can reject replays (AXP-DLV-002, AXP-DLV-003).
type PushDelivery struct {
	// Which attempt this is, from 1.                                                                  
	Attempt                                                                             int64          `json:"attempt"`
	// Fresh for every attempt; a receiver rejects one it has seen before (AXP-DLV-003).               
	DeliveryID                                                                          string         `json:"delivery_id"`
	// The intent in its canonical envelope form.                                                      
	Envelope                                                                            IntentEnvelope `json:"envelope"`
	// The intent pushed.                                                                              
	IntentID                                                                            string         `json:"intent_id"`
	// When this attempt was sent; a receiver rejects old ones (AXP-DLV-011).                          
	SentAt                                                                              time.Time      `json:"sent_at"`
}

// The intent in its canonical envelope form.
//
// The canonical, self-contained form of an intent message: what a push delivery carries and
// what fixtures store (AXP-ENV-001).
type IntentEnvelope struct {
	// The workflow the intent belongs to.                                                  
	CorrelationID                                                    string                 `json:"correlation_id"`
	// When the platform accepted the intent.                                               
	CreatedAt                                                        time.Time              `json:"created_at"`
	// When the intent times out if it has not ended.                                       
	DeadlineAt                                                       *time.Time             `json:"deadline_at,omitempty"`
	// The sender, derived from its credential (AXP-ENV-005).                               
	FromAgent                                                        string                 `json:"from_agent"`
	// The task for a person, when the intent is one.                                       
	HumanTask                                                        *HumanTask             `json:"human_task,omitempty"`
	// The Idempotency-Key the intent was created with, if any.                             
	IdempotencyKey                                                   *string                `json:"idempotency_key,omitempty"`
	// The intent's id, assigned by the platform.                                           
	IntentID                                                         string                 `json:"intent_id"`
	// What kind of work this is, with its version (AXP-ID-002).                            
	IntentType                                                       string                 `json:"intent_type"`
	// String hints for routing and tracing.                                                
	Metadata                                                         map[string]string      `json:"metadata,omitempty"`
	// The work itself; its meaning is defined by intent_type.                              
	Payload                                                          map[string]interface{} `json:"payload"`
	// An agent to tell about the outcome, when it is not the sender.                       
	ReplyTo                                                          *string                `json:"reply_to,omitempty"`
	// The agent the intent is addressed to.                                                
	ToAgent                                                          string                 `json:"to_agent"`
	// The envelope version: v1.                                                            
	Version                                                          Version                `json:"version"`
}

// Schema of spec/errors.json, the error-code registry.
type ErrorRegistry struct {
	// The error categories and the HTTP statuses each may use.                  
	Categories                                                 []CategoryElement `json:"categories"`
	// Every error code of the protocol.                                         
	Codes                                                      []Code            `json:"codes"`
	// What the file is, for people.                                             
	Description                                                *string           `json:"description,omitempty"`
	// The protocol version the registry belongs to: v1.                         
	ProtocolVersion                                            Version           `json:"protocol_version"`
}

type CategoryElement struct {
	// What the category means.                                     
	Description                                             string  `json:"description"`
	// The HTTP statuses codes of this category answer with.        
	HTTPStatuses                                            []int64 `json:"http_statuses"`
	// The category name, as error.category carries it.             
	Name                                                    string  `json:"name"`
}

type Code struct {
	// The code's category.                                                                       
	Category                                                                               string `json:"category"`
	// The code, as error.code carries it; never reused with another meaning (AXP-ERR-007).       
	Code                                                                                   string `json:"code"`
	// When the code is used.                                                                     
	Description                                                                            string `json:"description"`
	// The HTTP status an answer with this code has (AXP-ERR-002).                                
	HTTPStatus                                                                             int64  `json:"http_status"`
	// Whether a client may retry a request that got this code (AXP-ERR-006).                     
	Retryable                                                                              bool   `json:"retryable"`
}

// Body of every non-2xx JSON response.
type ErrorResponse struct {
	// What went wrong.                      
	Error                              Error `json:"error"`
	// Always false on an error answer.      
	Ok                                 bool  `json:"ok"`
}

// The error object every non-2xx response carries (AXP-ERR-001). Codes: spec/errors.json.
//
// What went wrong.
type Error struct {
	// When the error happened.                                                                              
	At                                                                                          *time.Time   `json:"at,omitempty"`
	// The code's category from spec/errors.json.                                                            
	Category                                                                                    CategoryEnum `json:"category"`
	// The error code from spec/errors.json; programs branch on it (AXP-ERR-004).                            
	Code                                                                                        string       `json:"code"`
	// Machine-readable facts about the error.                                                               
	Details                                                                                     *Details     `json:"details,omitempty"`
	// What went wrong, for people; never contains credentials.                                              
	Message                                                                                     string       `json:"message"`
	// The answer's x-request-id, to quote in a support request.                                             
	RequestID                                                                                   *string      `json:"request_id,omitempty"`
	// The code's retryability from spec/errors.json: whether the same request may succeed later             
	// (AXP-ERR-006).                                                                                        
	Retryable                                                                                   bool         `json:"retryable"`
}

// Machine-readable facts about the error.
type Details struct {
	// Each problem found in the request (schema_invalid, task_result_invalid), AXP-ERR-005.               
	Errors                                                                                  []ErrorElement `json:"errors,omitempty"`
}

type ErrorElement struct {
	// What is wrong there, for people.                                                                
	Message                                                                                    string  `json:"message"`
	// RFC 6901 JSON pointer to the offending value in the request body; "" for the whole body.        
	Pointer                                                                                    string  `json:"pointer"`
	// The requirement ID broken, when one is known.                                                   
	Requirement                                                                                *string `json:"requirement,omitempty"`
	// The schema keyword or rule broken, e.g. required, pattern, allowed_outcomes.                    
	Rule                                                                                       *string `json:"rule,omitempty"`
}

// Body of GET /v1/intents/{intent_id}.
type GetIntentResponse struct {
	// The intent as it is now.           
	Intent                         Intent `json:"intent"`
	// Always true on a 200 answer.       
	Ok                             bool   `json:"ok"`
}

// Body of GET /health.
type HealthResponse struct {
	// Always true on a 200 answer: the server is up.        
	Ok                                               bool    `json:"ok"`
	// The server software's version.                        
	Version                                          *string `json:"version,omitempty"`
}

// Body of a 200 answer to resolve, resume, cancel and ack: the intent after the write and
// the event it appended (null when nothing changed).
type IntentUpdateResponse struct {
	// Whether the write changed the intent; false only for a repeated ack (AXP-LC-014).                 
	Applied                                                                                bool          `json:"applied"`
	// The last event the write appended; null when nothing changed.                                     
	Event                                                                                  *IntentEvent  `json:"event"`
	// Every event the write appended, in order (an ack of a SUBMITTED intent appends two).              
	Events                                                                                 []IntentEvent `json:"events,omitempty"`
	// The intent after the write.                                                                       
	Intent                                                                                 Intent        `json:"intent"`
	// Always true on a 200 answer.                                                                      
	Ok                                                                                     bool          `json:"ok"`
}

// One entry of an intent's ordered event log (AXP-EV-*). Extra fields are allowed.
type IntentEvent struct {
	// Who caused the event: an agent address, or platform (AXP-EV-009, AXP-EV-011).                                   
	Actor                                                                                       *string                `json:"actor,omitempty"`
	// When the event was appended.                                                                                    
	At                                                                                          time.Time              `json:"at"`
	// Event-specific facts: result, error or reason on terminal events (AXP-EV-010), attempt                          
	// numbers on deliveries, remind_count on reminders.                                                               
	Details                                                                                     map[string]interface{} `json:"details,omitempty"`
	// What happened; for a status change, the event type the lifecycle table gives the status                         
	// entered (AXP-EV-003).                                                                                           
	EventType                                                                                   IntentEventEventType   `json:"event_type"`
	// The handler after an intent.transfer event (AXP-LC-013).                                                        
	Handler                                                                                     *string                `json:"handler,omitempty"`
	// The intent the event belongs to.                                                                                
	IntentID                                                                                    string                 `json:"intent_id"`
	// The event's position in the intent's log: 1, 2, 3 … with no gap (AXP-EV-001, AXP-EV-002).                       
	Seq                                                                                         int64                  `json:"seq"`
	// The intent's status after the event; annotation events repeat the current one                                   
	// (AXP-LC-007).                                                                                                   
	Status                                                                                      Status                 `json:"status"`
	// What a WAITING intent waits on; present exactly when status is WAITING (AXP-LC-004,                             
	// AXP-LC-005).                                                                                                    
	WaitingReason                                                                               *WaitingReason         `json:"waiting_reason,omitempty"`
}

// Schema of vectors/json_text.json: raw JSON texts used as the payload of a create request,
// which a platform must accept (valid) or refuse with 400 invalid_json (invalid). They live
// as strings because several of them cannot be parsed into a JSON value at all
// (AXP-API-019).
type JSONTextVectors struct {
	// What the file is, for people.                                                  
	Description                                                      string           `json:"description"`
	// Payload texts every platform refuses with 400 invalid_json.                    
	Invalid                                                          []InvalidElement `json:"invalid"`
	// Every platform accepts request bodies nested this deep.                        
	MaxAcceptedDepth                                                 int64            `json:"max_accepted_depth"`
	// Every platform refuses request bodies nested deeper than this.                 
	RefusedBeyondDepth                                               int64            `json:"refused_beyond_depth"`
	// Payload texts every platform accepts.                                          
	Valid                                                            []ValidElement   `json:"valid"`
}

// One payload text and what it shows.
type InvalidElement struct {
	// The requirement a platform breaks by accepting the payload.       
	//                                                                   
	// The requirement the vector tests.                                 
	Requirement                                                   string `json:"requirement"`
	// What the payload shows.                                           
	Description                                                   string `json:"description"`
	// Short unique name of the vector.                                  
	Name                                                          string `json:"name"`
	// The raw JSON text placed as the value of `payload`.               
	PayloadText                                                   string `json:"payload_text"`
}

// One payload text and what it shows.
type ValidElement struct {
	// What the payload shows.                                    
	Description                                           string  `json:"description"`
	// Short unique name of the vector.                           
	Name                                                  string  `json:"name"`
	// The raw JSON text placed as the value of `payload`.        
	PayloadText                                           string  `json:"payload_text"`
	// The requirement the vector tests.                          
	Requirement                                           *string `json:"requirement,omitempty"`
}

// A snapshot of one intent's lifecycle position: what the stream checker tracks per intent.
type LifecycleState struct {
	// Its workflow, when known.                                     
	CorrelationID                                     *string        `json:"correlation_id,omitempty"`
	// Its deadline, when known.                                     
	DeadlineAt                                        *time.Time     `json:"deadline_at,omitempty"`
	// The handler after the last transfer, if any.                  
	Handler                                           *string        `json:"handler,omitempty"`
	// The intent tracked.                                           
	IntentID                                          string         `json:"intent_id"`
	// The seq of the last event seen.                               
	Seq                                               int64          `json:"seq"`
	// Its status after the last event seen.                         
	Status                                            Status         `json:"status"`
	// The at of the last event seen.                                
	UpdatedAt                                         time.Time      `json:"updated_at"`
	// What it waits on while WAITING; null otherwise.               
	WaitingReason                                     *WaitingReason `json:"waiting_reason,omitempty"`
}

// Schema of spec/lifecycle.json, the lifecycle state machine as data.
type LifecycleTable struct {
	// Event types that record something without changing the status (AXP-LC-007).                             
	AnnotationEvents                                                                    []AnnotationEvent      `json:"annotation_events"`
	// What the file is, for people.                                                                           
	Description                                                                         *string                `json:"description,omitempty"`
	// The status every intent starts in.                                                                      
	InitialStatus                                                                       string                 `json:"initial_status"`
	// The protocol version the table belongs to: v1.                                                          
	ProtocolVersion                                                                     Version                `json:"protocol_version"`
	// Event type names that are invalid in v1, and what replaces them.                                        
	RetiredEventTypes                                                                   []RetiredEventType     `json:"retired_event_types,omitempty"`
	// Every status, whether it is terminal, and the event type that enters it.                                
	Statuses                                                                            []StatusElement        `json:"statuses"`
	// For each status, the statuses it may move to; nothing else is legal (AXP-LC-002).                       
	Transitions                                                                         []Transition           `json:"transitions"`
	// What a WAITING intent may wait on.                                                                      
	WaitingReasons                                                                      []WaitingReasonElement `json:"waiting_reasons"`
	// The status that needs a waiting_reason.                                                                 
	WaitingStatus                                                                       string                 `json:"waiting_status"`
}

type AnnotationEvent struct {
	// What it records.                 
	Description                  string `json:"description"`
	// The annotation event type.       
	EventType                    string `json:"event_type"`
}

type RetiredEventType struct {
	EventType  interface{} `json:"event_type"`
	ReplacedBy interface{} `json:"replaced_by"`
	Reason     interface{} `json:"reason"`
}

type StatusElement struct {
	// What the status means.                                          
	Description                                                 string `json:"description"`
	// The event type of the event that enters this status.            
	EventType                                                   string `json:"event_type"`
	// The status name.                                                
	Name                                                        string `json:"name"`
	// Whether the status ends the intent for good (AXP-LC-003).       
	Terminal                                                    bool   `json:"terminal"`
}

type Transition struct {
	// The status an intent is in.                                       
	From                                                        string   `json:"from"`
	// The statuses it may move to; empty for a terminal status.         
	To                                                          []string `json:"to"`
}

type WaitingReasonElement struct {
	// What the intent waits on.       
	Description                 string `json:"description"`
	// The waiting reason.             
	Name                        string `json:"name"`
}

// Body of GET /v1/intents/{intent_id}/events.
type ListEventsResponse struct {
	// At most limit events with seq greater than since, in seq order (AXP-API-004).                        
	Events                                                                                    []IntentEvent `json:"events"`
	// Whether events after the last one returned already exist: page on with since = the last              
	// returned seq (AXP-API-004).                                                                          
	HasMore                                                                                   bool          `json:"has_more"`
	// The seq the intent's next event will get (its last seq plus one), whatever this page                 
	// holds.                                                                                               
	NextSeq                                                                                   int64         `json:"next_seq"`
	// Always true on a 200 answer.                                                                         
	Ok                                                                                        bool          `json:"ok"`
}

// Body of GET /v1/intents.
type ListIntentsResponse struct {
	// Whether another page follows.                                       
	HasMore                                                       bool     `json:"has_more"`
	// A page of intents the caller may see, matching the filters.         
	Intents                                                       []Intent `json:"intents"`
	// Pass as cursor for the next page; null on the last page.            
	NextCursor                                                    *string  `json:"next_cursor"`
	// Always true on a 200 answer.                                        
	Ok                                                            bool     `json:"ok"`
}

// Body of PUT /v1/agents/{org}/{workspace}/{name}/push: where and with which secret to push.
type PushRegistrationRequest struct {
	// The shared secret for X-Axme-Signature; at least 16 characters, never returned       
	// (AXP-DLV-010).                                                                       
	Secret                                                                           string `json:"secret"`
	// Where the platform POSTs deliveries (http or https).                                 
	URL                                                                              string `json:"url"`
}

// Body of a 200 answer to PUT .../push (the secret is never echoed).
type PushRegistrationResponse struct {
	// The agent whose endpoint was registered.                                           
	Agent                                                                         string  `json:"agent"`
	// Always true on a 200 answer.                                                       
	Ok                                                                            bool    `json:"ok"`
	// The last characters of the secret, to tell secrets apart; never the secret.        
	SecretHint                                                                    *string `json:"secret_hint,omitempty"`
	// The registered URL.                                                                
	URL                                                                           string  `json:"url"`
}

// Body of POST /v1/intents/{intent_id}/resolve: write a terminal status.
type ResolveRequest struct {
	// Accepted for compatibility with upstream clients and ignored: events name the                                   
	// authenticated principal (AXP-EV-009).                                                                           
	Actor                                                                                       *string                `json:"actor,omitempty"`
	// Why it failed; required with FAILED.                                                                            
	Error                                                                                       *ErrorDetail           `json:"error,omitempty"`
	// Why it was canceled; required with CANCELED.                                                                    
	Reason                                                                                      *string                `json:"reason,omitempty"`
	// The outcome; required with COMPLETED.                                                                           
	Result                                                                                      map[string]interface{} `json:"result,omitempty"`
	// The terminal status to write: COMPLETED, FAILED or CANCELED (TIMED_OUT is the platform's,                       
	// AXP-LC-012).                                                                                                    
	Status                                                                                      TerminalResolveStatus  `json:"status"`
}

// Body of POST /v1/intents/{intent_id}/resume: the addressed agent reports progress, or a
// person answers a human task.
type ResumeRequest struct {
	// What the agent reports: start (IN_PROGRESS), wait (WAITING), complete (COMPLETED) or fail                       
	// (FAILED), AXP-API-015.                                                                                          
	Action                                                                                      *Action                `json:"action,omitempty"`
	// Accepted for compatibility with upstream clients and ignored: events name the                                   
	// authenticated principal (AXP-EV-009).                                                                           
	Actor                                                                                       *string                `json:"actor,omitempty"`
	// Continue a WAITING intent (the default when the body has no action); only true is                               
	// meaningful, and never with action or task_result.                                                               
	ApproveCurrentStep                                                                          *bool                  `json:"approve_current_step,omitempty"`
	// Why it failed; required with action fail.                                                                       
	Error                                                                                       *ErrorDetail           `json:"error,omitempty"`
	// A note for people; the platform does not act on it.                                                             
	Reason                                                                                      *string                `json:"reason,omitempty"`
	// The outcome; required with action complete.                                                                     
	Result                                                                                      map[string]interface{} `json:"result,omitempty"`
	// A person's answer to the intent's human task (AXP-HT-002..006); never with action.                              
	TaskResult                                                                                  *TaskResult            `json:"task_result,omitempty"`
	// What the intent waits on; required with action wait.                                                            
	WaitingReason                                                                               *WaitingReason         `json:"waiting_reason,omitempty"`
}

// A person's answer to the intent's human task (AXP-HT-002..006); never with action.
//
// A person's answer to a human task, sent with resume.
type TaskResult struct {
	// The person's comment; required non-empty when the task has required_comment (AXP-HT-003).                       
	Comment                                                                                     *string                `json:"comment,omitempty"`
	// Form answers and evidence; validated against human_task.form_schema.                                            
	Data                                                                                        map[string]interface{} `json:"data,omitempty"`
	// The person's decision: one of the human task's allowed_outcomes (AXP-HT-002).                                   
	Outcome                                                                                     string                 `json:"outcome"`
}

// data of the stream.timeout frame that ends an SSE window (AXP-SSE-004).
type StreamTimeout struct {
	// The cursor to resume from, passed back as since (AXP-SSE-004): the intent's last seq, or      
	// on an agent stream the last delivery cursor.                                                  
	LastSeq                                                                                    int64 `json:"last_seq"`
	// last_seq plus one: on an intent stream, the seq the intent's next event will get.             
	NextSeq                                                                                    int64 `json:"next_seq"`
	// Always true: the window ended normally.                                                       
	Ok                                                                                         bool  `json:"ok"`
}

// Schema of one schema-vector file under vectors/schemas/: valid and invalid example
// messages for one AXP schema.
type VectorFile struct {
	// Messages the schema refuses, each for one stated reason.           
	Invalid                                                     []Invalid `json:"invalid"`
	// The schema (file name without .json) the vectors are for.          
	Schema                                                      string    `json:"schema"`
	// Messages the schema accepts.                                       
	Valid                                                       []Valid   `json:"valid"`
}

type Invalid struct {
	// Why the message is invalid.                                                                  
	Description                                                                         string      `json:"description"`
	// The message.                                                                                 
	Message                                                                             interface{} `json:"message"`
	// Short unique name of the vector.                                                             
	Name                                                                                string      `json:"name"`
	// JSON pointer of the offending value (of the parent object for required /                     
	// additionalProperties).                                                                       
	Pointer                                                                             string      `json:"pointer"`
	// The requirement the message breaks, or null when only the schema states the rule.            
	Requirement                                                                         *string     `json:"requirement"`
	// The JSON Schema keyword that fails.                                                          
	Rule                                                                                string      `json:"rule"`
}

type Valid struct {
	// What the message shows.                     
	Description                        string      `json:"description"`
	// The message.                                
	Message                            interface{} `json:"message"`
	// Short unique name of the vector.            
	Name                               string      `json:"name"`
}

type EventType string

const (
	EventTypeIntentDelivered EventType = "intent.delivered"
)

// The kind of task, for the tool that shows it; default approval.
type TaskType string

const (
	Approval          TaskType = "approval"
	Assignment        TaskType = "assignment"
	AttachFile        TaskType = "attach_file"
	Clarification     TaskType = "clarification"
	Confirmation      TaskType = "confirmation"
	Delegation        TaskType = "delegation"
	Escalate          TaskType = "escalate"
	ManualAction      TaskType = "manual_action"
	Override          TaskType = "override"
	ProvideData       TaskType = "provide_data"
	Reroute           TaskType = "reroute"
	Review            TaskType = "review"
	ValidateOutput    TaskType = "validate_output"
	ValidateRealWorld TaskType = "validate_real_world"
)

// The same value as status, for clients that read this name (AXP-API-002).
//
// A lifecycle status (spec/lifecycle.json).
//
// The current status: the status of the last event (AXP-LC-008).
//
// The intent's status when the record was read (the status filter applies to it,
// AXP-DLV-014).
//
// The intent's status after the create's own events: SUBMITTED, or WAITING for a human task
// (AXP-API-021).
//
// The intent's status after the event; annotation events repeat the current one
// (AXP-LC-007).
//
// Its status after the last event seen.
type Status string

const (
	Acknowledged    Status = "ACKNOWLEDGED"
	Created         Status = "CREATED"
	Delivered       Status = "DELIVERED"
	InProgress      Status = "IN_PROGRESS"
	StatusCANCELED  Status = "CANCELED"
	StatusCOMPLETED Status = "COMPLETED"
	StatusFAILED    Status = "FAILED"
	Submitted       Status = "SUBMITTED"
	TimedOut        Status = "TIMED_OUT"
	Waiting         Status = "WAITING"
)

// What a WAITING intent waits on (spec/lifecycle.json waiting_reasons).
//
// What the intent waits on; required with action wait.
type WaitingReason string

const (
	WaitingForAgent WaitingReason = "WAITING_FOR_AGENT"
	WaitingForHuman WaitingReason = "WAITING_FOR_HUMAN"
	WaitingForTime  WaitingReason = "WAITING_FOR_TIME"
	WaitingForTool  WaitingReason = "WAITING_FOR_TOOL"
)

type Version string

const (
	V1 Version = "v1"
)

// passed, failed, not_applicable (an unclaimed capability), not_covered (the check could
// not run here: a restart check without --restart-cmd) or harness_error (the suite's side
// failed).
type CheckStatus string

const (
	HarnessError        CheckStatus = "harness_error"
	StatusFailed        CheckStatus = "failed"
	StatusNotApplicable CheckStatus = "not_applicable"
	StatusNotCovered    CheckStatus = "not_covered"
	StatusPassed        CheckStatus = "passed"
)

// Its level.
type Level string

const (
	May       Level = "MAY"
	Must      Level = "MUST"
	MustNot   Level = "MUST NOT"
	Should    Level = "SHOULD"
	ShouldNot Level = "SHOULD NOT"
)

// passed; failed (a MUST a failure names); warning (a SHOULD/MAY a failure names);
// not_reached (its checks stopped at another requirement's failure first); not_applicable
// (an optional capability the server does not claim, or a rule for clients); not_covered
// (nothing in this run could observe it: message says why); not_selected (left out by
// --only/--skip/--level).
type Verdict string

const (
	NotReached           Verdict = "not_reached"
	NotSelected          Verdict = "not_selected"
	VerdictFailed        Verdict = "failed"
	VerdictNotApplicable Verdict = "not_applicable"
	VerdictNotCovered    Verdict = "not_covered"
	VerdictPassed        Verdict = "passed"
	Warning              Verdict = "warning"
)

type Suite string

const (
	AxpConformance Suite = "axp-conformance"
)

// The code's category from spec/errors.json.
type CategoryEnum string

const (
	Auth       CategoryEnum = "auth"
	Conflict   CategoryEnum = "conflict"
	Internal   CategoryEnum = "internal"
	NotFound   CategoryEnum = "not_found"
	Policy     CategoryEnum = "policy"
	RateLimit  CategoryEnum = "rate_limit"
	Timeout    CategoryEnum = "timeout"
	Transport  CategoryEnum = "transport"
	Validation CategoryEnum = "validation"
)

// What happened; for a status change, the event type the lifecycle table gives the status
// entered (AXP-EV-003).
//
// An event type (spec/lifecycle.json).
type IntentEventEventType string

const (
	IntentAcknowledged      IntentEventEventType = "intent.acknowledged"
	IntentCanceled          IntentEventEventType = "intent.canceled"
	IntentCompleted         IntentEventEventType = "intent.completed"
	IntentCreated           IntentEventEventType = "intent.created"
	IntentDeliveryFailed    IntentEventEventType = "intent.delivery_failed"
	IntentEscalated         IntentEventEventType = "intent.escalated"
	IntentFailed            IntentEventEventType = "intent.failed"
	IntentHumanTaskAssigned IntentEventEventType = "intent.human_task_assigned"
	IntentInProgress        IntentEventEventType = "intent.in_progress"
	IntentReminder          IntentEventEventType = "intent.reminder"
	IntentSubmitted         IntentEventEventType = "intent.submitted"
	IntentTimedOut          IntentEventEventType = "intent.timed_out"
	IntentTransfer          IntentEventEventType = "intent.transfer"
	IntentWaiting           IntentEventEventType = "intent.waiting"
	PurpleIntentDelivered   IntentEventEventType = "intent.delivered"
)

// The terminal status to write: COMPLETED, FAILED or CANCELED (TIMED_OUT is the platform's,
// AXP-LC-012).
//
// A terminal status a client may write with resolve (TIMED_OUT is written only by the
// server).
type TerminalResolveStatus string

const (
	TerminalResolveStatusCANCELED  TerminalResolveStatus = "CANCELED"
	TerminalResolveStatusCOMPLETED TerminalResolveStatus = "COMPLETED"
	TerminalResolveStatusFAILED    TerminalResolveStatus = "FAILED"
)

// What the agent reports: start (IN_PROGRESS), wait (WAITING), complete (COMPLETED) or fail
// (FAILED), AXP-API-015.
type Action string

const (
	Complete Action = "complete"
	Fail     Action = "fail"
	Start    Action = "start"
	Wait     Action = "wait"
)
