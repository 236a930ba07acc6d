import type { ApiContext } from '../http/api-context.js';
import { httpErrors } from '../http/http-error.js';
import {
  applyPrescriptionEvent,
  getPrescription,
  type Prescription,
} from '../store/prescriptions.js';
import { observeFlowStage } from './flow-durations.js';

// Dispenses a verified prescription; 409 in any other state, so nothing is dispensed twice.
export async function dispensePrescription(
  ctx: ApiContext,
  prescriptionId: string,
): Promise<Prescription> {
  const dispensed = await applyPrescriptionEvent(ctx.pool, prescriptionId, 'dispensed');
  if (dispensed) {
    observeFlowStage('total', dispensed.createdAt, dispensed.dispensedAt);
    return dispensed;
  }

  const current = await getPrescription(ctx.pool, prescriptionId);
  if (!current) throw httpErrors.notFound('prescription', prescriptionId);

  if (current.state === 'dispensed') {
    throw httpErrors.conflict(`prescription ${prescriptionId} is already dispensed`);
  }

  throw httpErrors.conflict(
    `prescription ${prescriptionId} is ${current.state}; it can be dispensed once verified`,
  );
}
