import type { Pool } from 'pg';

import type { Role } from '../settings.js';

// A registered user as the API needs it; the name is stored but never read back into logs.
export interface User {
  id: string;
  role: Role;
  region: string;
  did: string;
  doctorConnectionId: string | null;
  pharmacistConnectionId: string | null;
}

// What registering a user writes.
export interface NewUser extends User {
  name: string;
  tokenSha256: string;
}

interface UserRow {
  id: string;
  role: Role;
  region: string;
  did: string;
  doctor_connection_id: string | null;
  pharmacist_connection_id: string | null;
}

const COLUMNS = 'id, role, region, did, doctor_connection_id, pharmacist_connection_id';

// Stores a newly registered user.
export async function insertUser(pool: Pool, user: NewUser): Promise<void> {
  await pool.query(
    `INSERT INTO users (id, role, region, name, did, token_sha256, doctor_connection_id,
                        pharmacist_connection_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      user.id,
      user.role,
      user.region,
      user.name,
      user.did,
      user.tokenSha256,
      user.doctorConnectionId,
      user.pharmacistConnectionId,
    ],
  );
}

// Finds the user a bearer token belongs to, by the token's SHA-256.
export async function findUserByTokenHash(
  pool: Pool,
  tokenSha256: string,
): Promise<User | undefined> {
  const result = await pool.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE token_sha256 = $1`, [
    tokenSha256,
  ]);
  return result.rows[0] && toUser(result.rows[0]);
}

// Reads one user by id.
export async function getUser(pool: Pool, id: string): Promise<User | undefined> {
  const result = await pool.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
  return result.rows[0] && toUser(result.rows[0]);
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    role: row.role,
    region: row.region,
    did: row.did,
    doctorConnectionId: row.doctor_connection_id,
    pharmacistConnectionId: row.pharmacist_connection_id,
  };
}
