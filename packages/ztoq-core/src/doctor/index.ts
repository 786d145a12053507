export type { DoctorCheck, DoctorReport } from './doctor-check.js';
export { type RunDoctorInput, runDoctor } from './run-doctor.js';
