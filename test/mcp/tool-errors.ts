import type { ToolName } from '../../src/contract/index.js';

/** A call that fails on each tool, and the contract code the failure carries. */
export const FAILING_CALLS: Record<ToolName, { args: Record<string, unknown>; code: string; text: RegExp }> = {
  aios_analyze: { args: {}, code: 'INVALID_INPUT', text: /^INVALID_INPUT: spec: / },
  aios_strategize: { args: { spec: 42 }, code: 'INVALID_INPUT', text: /^INVALID_INPUT: spec: / },
  aios_design_architecture: { args: { spec: 'a quiz app', stack_preference: 'angular' }, code: 'INVALID_INPUT', text: /^INVALID_INPUT: stack_preference: / },
  aios_design_ux: { args: {}, code: 'INVALID_INPUT', text: /^INVALID_INPUT: spec: / },
  aios_generate_code: { args: {}, code: 'INVALID_INPUT', text: /^INVALID_INPUT: spec: / },
  aios_full_pipeline: { args: { spec: 'a quiz app', phases: ['deploy'] }, code: 'INVALID_INPUT', text: /^INVALID_INPUT: phases/ },
  aios_get_status: { args: { job_id: 'no-such-job' }, code: 'JOB_NOT_FOUND', text: /^JOB_NOT_FOUND: / },
  aios_get_artifact: { args: { job_id: 'no-such-job', artifact_type: 'all' }, code: 'JOB_NOT_FOUND', text: /^JOB_NOT_FOUND: / },
};
