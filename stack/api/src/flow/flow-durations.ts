import { metrics } from '../telemetry/metrics.js';

// The stages of prescription_flow_duration_seconds: doctor to patient is created to issued,
// patient to pharmacist is issued to verified, total is created to dispensed.
export type FlowStage = 'doctor_to_patient' | 'patient_to_pharmacist' | 'total';

// Observes the time between two stage timestamps of one prescription.
export function observeFlowStage(stage: FlowStage, from: Date | null, to: Date | null): void {
  if (!from || !to) return;

  metrics.flowDuration.observe({ stage }, Math.max(0, (to.getTime() - from.getTime()) / 1000));
}
