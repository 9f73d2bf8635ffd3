/** Row types of the accounts module's tables, for the Kysely builder (`db.builder<AccountTables>()`). */

export interface AccountRow {
  id: string;
  email: string;
  password_hash: string;
  country: string;
  plan: string;
  created_at: Date;
  updated_at: Date;
}

export interface SessionRow {
  id: string;
  account_id: string;
  token_hash: string;
  device_name: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

export interface ProfileRow {
  id: string;
  account_id: string;
  name: string;
  avatar: string;
  language: string;
  kids: boolean;
  maturity_rating: string;
  pin_hash: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface MyListRow {
  profile_id: string;
  title_id: string;
  position: number;
  added_at: Date;
}

export interface RatingRow {
  profile_id: string;
  title_id: string;
  rating: string;
  rated_at: Date;
}

export interface HistoryRow {
  profile_id: string;
  title_id: string;
  last_episode_id: string | null;
  last_watched_at: Date;
  hidden_at: Date | null;
}

export interface ProgressRow {
  profile_id: string;
  title_id: string;
  episode_id: string;
  position_sec: number;
  duration_sec: number;
  completed: boolean;
  updated_at: Date;
}

export interface AccountTables {
  accounts: AccountRow;
  sessions: SessionRow;
  profiles: ProfileRow;
  my_list: MyListRow;
  ratings: RatingRow;
  viewing_history: HistoryRow;
  progress: ProgressRow;
}
