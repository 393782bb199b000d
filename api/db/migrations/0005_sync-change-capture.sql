-- Change capture for sync (design: docs/sync.md). Every insert, update and delete of a synced row records
-- the entity's new version in sync_metadata inside the same transaction, so no writer (use case, admin
-- panel, a future code path) can change synced data without the change reaching the feed.

CREATE SEQUENCE IF NOT EXISTS hub_sync_seq;
--> statement-breakpoint

-- This instance's id: created on first use, never by the migration of an empty database, so test
-- databases copied from one template still get ids of their own.
CREATE OR REPLACE FUNCTION hub_sync_instance_id() RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  found_id text;
BEGIN
  SELECT value #>> '{}' INTO found_id FROM sync_state WHERE key = 'instance_id';
  IF found_id IS NULL THEN
    INSERT INTO sync_state (key, value) VALUES ('instance_id', to_jsonb(gen_random_uuid()::text)) ON CONFLICT (key) DO NOTHING;
    SELECT value #>> '{}' INTO found_id FROM sync_state WHERE key = 'instance_id';
  END IF;
  RETURN found_id;
END $$;
--> statement-breakpoint

-- Timestamps in snapshots are UTC text, so the same instant hashes the same on every server whatever its TimeZone.
CREATE OR REPLACE FUNCTION hub_sync_ts(value timestamptz) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT to_char(value AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
$$;
--> statement-breakpoint

-- The synced fields of one entity as canonical jsonb (jsonb orders keys), or NULL when the row is absent
-- or not synced (documents that mirror FAQ entries and updates are rebuilt by each instance).
CREATE OR REPLACE FUNCTION hub_sync_snapshot(kind text, row_id text) RETURNS jsonb LANGUAGE plpgsql STABLE AS $$
BEGIN
  CASE kind
  WHEN 'community' THEN
    RETURN (SELECT jsonb_build_object('slug', c.slug, 'name', c.name, 'web_access_code', c.web_access_code) FROM communities c WHERE c.id = row_id::uuid);
  WHEN 'community_chat' THEN
    RETURN (SELECT jsonb_build_object('community_id', c.community_id, 'platform', c.platform, 'chat_id', c.chat_id, 'title', c.title,
                                      'updates_subscribed', c.updates_subscribed)
            FROM community_chats c WHERE c.id = row_id::uuid);
  WHEN 'member' THEN
    RETURN (SELECT jsonb_build_object('community_id', m.community_id, 'platform', m.platform, 'platform_user_id', m.platform_user_id,
                                      'display_name', m.display_name, 'role', m.role)
            FROM members m WHERE m.id = row_id::uuid);
  WHEN 'document' THEN
    RETURN (SELECT jsonb_build_object(
              'community_id', d.community_id, 'filename', d.filename, 'title', d.title, 'category', d.category, 'tags', to_jsonb(d.tags),
              'file_type', d.file_type, 'mime_type', d.mime_type, 'size_bytes', d.size_bytes, 'sha256', d.sha256,
              'uploaded_via', d.uploaded_via, 'metadata', d.metadata - 'warnings', 'created_at', hub_sync_ts(d.created_at),
              'review', CASE d.status WHEN 'pending_review' THEN 'pending' WHEN 'rejected' THEN 'rejected' ELSE 'accepted' END,
              'approved_at', hub_sync_ts(d.approved_at), 'approved_by', d.approved_by,
              'rejection_reason', CASE WHEN d.status = 'rejected' THEN d.error_reason END)
            FROM documents d WHERE d.id = row_id::uuid AND d.kind = 'file');
  WHEN 'document_content' THEN
    -- Only what processing produces: queued/processing are this instance's business and never sync, and a
    -- document that was never processed has no content version at all (so a copy received before its
    -- content arrives does not invent one).
    RETURN (SELECT jsonb_build_object(
              'content', d.content, 'sections', d.sections, 'page_count', d.page_count, 'language', d.language,
              'processing_mode', d.processing_mode, 'needs_full_processing', d.needs_full_processing,
              'processed_at', hub_sync_ts(d.processed_at), 'warnings', d.metadata -> 'warnings',
              'outcome', CASE WHEN d.status = 'failed' THEN 'failed' WHEN d.processed_at IS NOT NULL THEN 'ready' ELSE 'none' END,
              'error_code', CASE WHEN d.status = 'failed' THEN d.error_code END,
              'error_reason', CASE WHEN d.status = 'failed' THEN d.error_reason END)
            FROM documents d WHERE d.id = row_id::uuid AND d.kind = 'file' AND (d.processed_at IS NOT NULL OR d.status = 'failed'));
  WHEN 'community_update' THEN
    RETURN (SELECT jsonb_build_object('community_id', u.community_id, 'title', u.title, 'body', u.body, 'published_by', u.published_by,
                                      'published_at', hub_sync_ts(u.published_at), 'expires_at', hub_sync_ts(u.expires_at))
            FROM community_updates u WHERE u.id = row_id::uuid);
  WHEN 'faq_entry' THEN
    RETURN (SELECT jsonb_build_object('community_id', f.community_id, 'question', f.question, 'answer', f.answer, 'created_by', f.created_by)
            FROM faq_entries f WHERE f.id = row_id::uuid);
  WHEN 'question' THEN
    -- Who asked (chat and asker ids) never leaves the instance where the question was asked.
    RETURN (SELECT jsonb_build_object('community_id', q.community_id, 'channel', q.channel, 'question', q.question, 'answer', q.answer,
                                      'answered', q.answered, 'citations', q.citations, 'provider', q.provider, 'feedback', q.feedback,
                                      'created_at', hub_sync_ts(q.created_at))
            FROM question_log q WHERE q.id = row_id::uuid);
  WHEN 'conflict' THEN
    RETURN (SELECT jsonb_build_object('entity_type', s.entity_type, 'entity_id', s.entity_id, 'winner_version', s.winner_version,
                                      'other_version', s.other_version, 'reason', s.reason, 'status', s.status, 'resolution', s.resolution,
                                      'resolved_by', s.resolved_by, 'resolved_at', hub_sync_ts(s.resolved_at))
            FROM sync_conflicts s WHERE s.id = row_id::uuid);
  ELSE
    RAISE EXCEPTION 'unknown sync entity kind %', kind;
  END CASE;
END $$;
--> statement-breakpoint

-- The version that has seen both (pointwise maximum of two version vectors).
CREATE OR REPLACE FUNCTION hub_sync_merge_versions(a jsonb, b jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT COALESCE(jsonb_object_agg(k, GREATEST(COALESCE((a ->> k)::int, 0), COALESCE((b ->> k)::int, 0))), '{}'::jsonb)
  FROM (SELECT jsonb_object_keys(a) UNION SELECT jsonb_object_keys(b)) AS keys(k)
$$;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION hub_sync_rev_hash(snapshot jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN snapshot IS NULL THEN md5('deleted') ELSE md5(snapshot::text) END
$$;
--> statement-breakpoint

-- Records a change this instance made: its counter in the version vector goes up by one and the entity
-- moves to the end of the feed. The advisory lock is held until commit, so feed positions are taken in
-- commit order and a reader never sees position N+1 before N (a cursor would skip N forever).
CREATE OR REPLACE FUNCTION hub_sync_note_local_change(kind text, row_id text, is_delete boolean) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  snapshot jsonb;
  new_hash text;
  meta sync_metadata%ROWTYPE;
  me text;
  next_version jsonb;
BEGIN
  IF NOT is_delete THEN
    snapshot := hub_sync_snapshot(kind, row_id);
    IF snapshot IS NULL THEN RETURN; END IF;
  END IF;
  new_hash := hub_sync_rev_hash(snapshot);
  SELECT * INTO meta FROM sync_metadata WHERE entity_type = kind AND entity_id = row_id;
  IF FOUND AND meta.rev_hash = new_hash AND meta.deleted = is_delete THEN RETURN; END IF;
  IF NOT FOUND AND is_delete THEN RETURN; END IF;
  me := hub_sync_instance_id();
  PERFORM pg_advisory_xact_lock(7212001);
  next_version := COALESCE(meta.version, '{}'::jsonb);
  next_version := next_version || jsonb_build_object(me, COALESCE((next_version ->> me)::int, 0) + 1);
  INSERT INTO sync_metadata AS m (entity_type, entity_id, version, generation, rev_hash, deleted, origin_instance, changed_by, received_from, seq, updated_at)
  VALUES (kind, row_id, next_version, COALESCE(meta.generation, 0) + 1, new_hash, is_delete, COALESCE(meta.origin_instance, me), me, NULL,
          nextval('hub_sync_seq'), now())
  ON CONFLICT (entity_type, entity_id) DO UPDATE
    SET version = EXCLUDED.version, generation = EXCLUDED.generation, rev_hash = EXCLUDED.rev_hash, deleted = EXCLUDED.deleted,
        changed_by = EXCLUDED.changed_by, received_from = NULL, seq = EXCLUDED.seq, updated_at = EXCLUDED.updated_at;
END $$;
--> statement-breakpoint

-- Row trigger: TG_ARGV names the entity kinds the table carries (documents carry two). While sync applies
-- a version received from instance S to row R, `hub.sync_applying` is 'R|S' and writes to R are not local
-- changes; anything else it causes (a cascade to other rows) still is.
CREATE OR REPLACE FUNCTION hub_sync_capture() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  kind text;
  row_id text;
  applying text := split_part(COALESCE(current_setting('hub.sync_applying', true), ''), '|', 1);
BEGIN
  IF TG_OP = 'DELETE' THEN row_id := OLD.id::text; ELSE row_id := NEW.id::text; END IF;
  FOREACH kind IN ARRAY TG_ARGV LOOP
    IF applying IS DISTINCT FROM row_id THEN
      PERFORM hub_sync_note_local_change(kind, row_id, TG_OP = 'DELETE');
    END IF;
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint

-- A UUID derived from a name, as api/db/name-based-id.ts makes them (version 8, RFC variant), so that
-- ids made here pass the same validation as every other id on the wire.
CREATE OR REPLACE FUNCTION hub_sync_name_uuid(name text) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$
  SELECT (substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-8' || substr(h, 14, 3) || '-'
          || substr('89ab', (('x' || substr(h, 17, 1))::bit(4)::int & 3) + 1, 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12))::uuid
  FROM (SELECT md5(name) AS h) digest
$$;
--> statement-breakpoint

-- A deletion received from instance S can take other rows with it (a community's updates, FAQ entries,
-- documents, chats, members). A row whose version S never received from here was changed without S
-- knowing, so its loss is not a knowing overwrite: it is kept as a conflict for a moderator.
CREATE OR REPLACE FUNCTION hub_sync_keep_cascaded() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  flag text := COALESCE(current_setting('hub.sync_applying', true), '');
  sender text := split_part(flag, '|', 2);
  kind text := TG_ARGV[0];
  row_id text := OLD.id::text;
  meta sync_metadata%ROWTYPE;
  me text;
  gone jsonb;
BEGIN
  IF sender = '' OR split_part(flag, '|', 1) = row_id THEN RETURN OLD; END IF;
  SELECT * INTO meta FROM sync_metadata WHERE entity_type = kind AND entity_id = row_id;
  IF NOT FOUND OR meta.deleted OR meta.received_from IS NOT DISTINCT FROM NULLIF(sender, '') THEN RETURN OLD; END IF;
  me := hub_sync_instance_id();
  gone := jsonb_build_object('snapshot', NULL, 'version', meta.version || jsonb_build_object(me, COALESCE((meta.version ->> me)::int, 0) + 1),
                             'generation', meta.generation + 1, 'revHash', md5('deleted'), 'deleted', true, 'changedBy', me);
  INSERT INTO sync_conflicts (id, entity_type, entity_id, winner_version, other_version, reason)
  VALUES (hub_sync_name_uuid(kind || ':' || row_id || ':' || meta.rev_hash || ':cascade'), kind, row_id, gone,
          jsonb_build_object('snapshot', hub_sync_snapshot(kind, row_id), 'version', meta.version, 'generation', meta.generation,
                             'revHash', meta.rev_hash, 'deleted', false, 'changedBy', meta.changed_by),
          'deleted with what it belonged to, by an instance that had not seen this version')
  ON CONFLICT (id) DO NOTHING;
  RETURN OLD;
END $$;
--> statement-breakpoint
CREATE TRIGGER community_chats_sync_keep_cascaded BEFORE DELETE ON community_chats FOR EACH ROW EXECUTE FUNCTION hub_sync_keep_cascaded('community_chat');
--> statement-breakpoint
CREATE TRIGGER members_sync_keep_cascaded BEFORE DELETE ON members FOR EACH ROW EXECUTE FUNCTION hub_sync_keep_cascaded('member');
--> statement-breakpoint
CREATE TRIGGER documents_sync_keep_cascaded BEFORE DELETE ON documents FOR EACH ROW WHEN (OLD.kind = 'file') EXECUTE FUNCTION hub_sync_keep_cascaded('document');
--> statement-breakpoint
CREATE TRIGGER community_updates_sync_keep_cascaded BEFORE DELETE ON community_updates FOR EACH ROW EXECUTE FUNCTION hub_sync_keep_cascaded('community_update');
--> statement-breakpoint
CREATE TRIGGER faq_entries_sync_keep_cascaded BEFORE DELETE ON faq_entries FOR EACH ROW EXECUTE FUNCTION hub_sync_keep_cascaded('faq_entry');
--> statement-breakpoint
CREATE TRIGGER communities_sync_capture AFTER INSERT OR UPDATE OR DELETE ON communities
  FOR EACH ROW EXECUTE FUNCTION hub_sync_capture('community');
--> statement-breakpoint
CREATE TRIGGER community_chats_sync_capture AFTER INSERT OR UPDATE OR DELETE ON community_chats
  FOR EACH ROW EXECUTE FUNCTION hub_sync_capture('community_chat');
--> statement-breakpoint
CREATE TRIGGER members_sync_capture AFTER INSERT OR UPDATE OR DELETE ON members
  FOR EACH ROW EXECUTE FUNCTION hub_sync_capture('member');
--> statement-breakpoint
-- Progress, revision and updated_at change often and never sync: updates of only those do not fire.
CREATE TRIGGER documents_sync_capture_write AFTER INSERT OR UPDATE OF community_id, kind, filename, title, category, tags, file_type,
  mime_type, size_bytes, sha256, status, error_code, error_reason, uploaded_via, needs_full_processing, processing_mode, processed_at,
  content, sections, metadata, page_count, language, approved_at, approved_by ON documents
  FOR EACH ROW WHEN (NEW.kind = 'file') EXECUTE FUNCTION hub_sync_capture('document', 'document_content');
--> statement-breakpoint
CREATE TRIGGER documents_sync_capture_delete AFTER DELETE ON documents
  FOR EACH ROW WHEN (OLD.kind = 'file') EXECUTE FUNCTION hub_sync_capture('document', 'document_content');
--> statement-breakpoint
CREATE TRIGGER community_updates_sync_capture AFTER INSERT OR UPDATE OF community_id, title, body, published_by, published_at, expires_at
  OR DELETE ON community_updates FOR EACH ROW EXECUTE FUNCTION hub_sync_capture('community_update');
--> statement-breakpoint
CREATE TRIGGER faq_entries_sync_capture AFTER INSERT OR UPDATE OF community_id, question, answer, created_by OR DELETE ON faq_entries
  FOR EACH ROW EXECUTE FUNCTION hub_sync_capture('faq_entry');
--> statement-breakpoint
-- Recorded always, sent only where SYNC_QUESTION_LOG allows it (the feed filters).
CREATE TRIGGER question_log_sync_capture AFTER INSERT OR UPDATE OF community_id, channel, question, answer, answered, citations, provider, feedback
  OR DELETE ON question_log FOR EACH ROW EXECUTE FUNCTION hub_sync_capture('question');
--> statement-breakpoint
CREATE TRIGGER sync_conflicts_sync_capture AFTER INSERT OR UPDATE OR DELETE ON sync_conflicts
  FOR EACH ROW EXECUTE FUNCTION hub_sync_capture('conflict');
--> statement-breakpoint

-- Rows that existed before sync: recorded once as this instance's changes so a first sync carries them.
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN
    SELECT 'community' AS kind, id::text AS row_id, created_at FROM communities
    UNION ALL SELECT 'community_chat', id::text, created_at FROM community_chats
    UNION ALL SELECT 'member', id::text, created_at FROM members
    UNION ALL SELECT 'document', id::text, created_at FROM documents WHERE kind = 'file'
    UNION ALL SELECT 'document_content', id::text, created_at FROM documents WHERE kind = 'file'
    UNION ALL SELECT 'community_update', id::text, created_at FROM community_updates
    UNION ALL SELECT 'faq_entry', id::text, created_at FROM faq_entries
    UNION ALL SELECT 'question', id::text, created_at FROM question_log
    ORDER BY created_at
  LOOP
    PERFORM hub_sync_note_local_change(r.kind, r.row_id, false);
  END LOOP;
END $$;
--> statement-breakpoint

-- Writes a received version of one entity into its table (the caller decided it should win). Raises
-- 'missing parent' (SQLSTATE HS001) when what it belongs to has not arrived yet; the caller parks it.
-- Returns the hash of what the row now holds, which must equal the received version's hash.
CREATE OR REPLACE FUNCTION hub_sync_apply_row(entity_kind text, row_id text, snapshot jsonb, is_delete boolean, origin text, sender text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  target uuid := row_id::uuid;
  review text;
  existing record;
  current_status text;
  next_status text;
  community uuid := (snapshot ->> 'community_id')::uuid;
BEGIN
  PERFORM set_config('hub.sync_applying', row_id || '|' || COALESCE(sender, ''), true);
  IF NOT is_delete AND community IS NOT NULL AND entity_kind IN ('community_chat', 'member', 'document', 'community_update', 'faq_entry', 'question')
     AND NOT EXISTS (SELECT 1 FROM communities WHERE id = community) THEN
    RAISE EXCEPTION 'missing parent community:%', community USING ERRCODE = 'HS001';
  END IF;
  CASE entity_kind
  WHEN 'community' THEN
    IF is_delete THEN DELETE FROM communities WHERE id = target;
    ELSE
      INSERT INTO communities (id, slug, name, web_access_code) VALUES (target, snapshot ->> 'slug', snapshot ->> 'name', snapshot ->> 'web_access_code')
      ON CONFLICT (id) DO UPDATE SET slug = EXCLUDED.slug, name = EXCLUDED.name, web_access_code = EXCLUDED.web_access_code;
    END IF;
  WHEN 'community_chat' THEN
    IF is_delete THEN DELETE FROM community_chats WHERE id = target;
    ELSE
      INSERT INTO community_chats (id, community_id, platform, chat_id, title, updates_subscribed)
      VALUES (target, community, snapshot ->> 'platform', snapshot ->> 'chat_id', snapshot ->> 'title', COALESCE((snapshot ->> 'updates_subscribed')::boolean, true))
      ON CONFLICT (id) DO UPDATE SET community_id = EXCLUDED.community_id, platform = EXCLUDED.platform, chat_id = EXCLUDED.chat_id, title = EXCLUDED.title,
        updates_subscribed = EXCLUDED.updates_subscribed;
    END IF;
  WHEN 'member' THEN
    IF is_delete THEN DELETE FROM members WHERE id = target;
    ELSE
      INSERT INTO members (id, community_id, platform, platform_user_id, display_name, role)
      VALUES (target, community, snapshot ->> 'platform', snapshot ->> 'platform_user_id', snapshot ->> 'display_name', snapshot ->> 'role')
      ON CONFLICT (id) DO UPDATE SET community_id = EXCLUDED.community_id, platform = EXCLUDED.platform,
        platform_user_id = EXCLUDED.platform_user_id, display_name = EXCLUDED.display_name, role = EXCLUDED.role;
    END IF;
  WHEN 'document' THEN
    IF is_delete THEN DELETE FROM documents d WHERE d.id = target AND d.kind = 'file';
    ELSE
      review := snapshot ->> 'review';
      SELECT d.status, d.error_code, d.processed_at INTO existing FROM documents d WHERE d.id = target;
      -- Moderation syncs; queued/processing/ready/failed are this instance's processing state.
      next_status := CASE
        WHEN review = 'pending' THEN 'pending_review'
        WHEN review = 'rejected' THEN 'rejected'
        WHEN existing.status IS NULL THEN 'queued'
        WHEN existing.status IN ('pending_review', 'rejected') THEN
          CASE WHEN existing.error_code IS NOT NULL AND existing.error_code <> 'rejected' THEN 'failed'
               WHEN existing.processed_at IS NOT NULL THEN 'ready' ELSE 'queued' END
        ELSE existing.status END;
      INSERT INTO documents (id, community_id, kind, filename, title, category, tags, file_type, mime_type, size_bytes, sha256, raw_file_key,
                             status, error_code, error_reason, uploaded_via, metadata, approved_at, approved_by, origin_instance, created_at)
      VALUES (target, community, 'file', snapshot ->> 'filename', snapshot ->> 'title', snapshot ->> 'category',
              ARRAY(SELECT jsonb_array_elements_text(snapshot -> 'tags')), snapshot ->> 'file_type', snapshot ->> 'mime_type',
              (snapshot ->> 'size_bytes')::bigint, snapshot ->> 'sha256',
              substr(snapshot ->> 'sha256', 1, 2) || '/' || substr(snapshot ->> 'sha256', 3, 2) || '/' || (snapshot ->> 'sha256'),
              next_status, CASE WHEN review = 'rejected' THEN 'rejected' END, snapshot ->> 'rejection_reason',
              snapshot ->> 'uploaded_via', COALESCE(snapshot -> 'metadata', '{}'::jsonb), (snapshot ->> 'approved_at')::timestamptz,
              snapshot ->> 'approved_by', origin, (snapshot ->> 'created_at')::timestamptz)
      ON CONFLICT (id) DO UPDATE SET
        community_id = EXCLUDED.community_id, filename = EXCLUDED.filename, title = EXCLUDED.title, category = EXCLUDED.category,
        tags = EXCLUDED.tags, file_type = EXCLUDED.file_type, mime_type = EXCLUDED.mime_type, size_bytes = EXCLUDED.size_bytes,
        sha256 = EXCLUDED.sha256, raw_file_key = EXCLUDED.raw_file_key, status = EXCLUDED.status,
        error_code = CASE WHEN review = 'rejected' THEN 'rejected'
                          WHEN documents.error_code = 'rejected' THEN NULL ELSE documents.error_code END,
        error_reason = CASE WHEN review = 'rejected' THEN EXCLUDED.error_reason
                            WHEN documents.error_code = 'rejected' THEN NULL ELSE documents.error_reason END,
        uploaded_via = EXCLUDED.uploaded_via,
        metadata = EXCLUDED.metadata || CASE WHEN documents.metadata ? 'warnings' THEN jsonb_build_object('warnings', documents.metadata -> 'warnings') ELSE '{}'::jsonb END,
        approved_at = EXCLUDED.approved_at, approved_by = EXCLUDED.approved_by, created_at = EXCLUDED.created_at,
        revision = documents.revision + 1, updated_at = now();
      -- Chunks carry their document's community so filtered vector search needs no join.
      UPDATE chunks SET community_id = community WHERE document_id = target AND community_id IS DISTINCT FROM community;
    END IF;
  WHEN 'document_content' THEN
    IF is_delete THEN
      -- The document's own tombstone removes the row; a content tombstone alone changes nothing.
      NULL;
    ELSE
      SELECT d.status INTO current_status FROM documents d WHERE d.id = target AND d.kind = 'file';
      IF NOT FOUND THEN
        RAISE EXCEPTION 'missing parent document:%', row_id USING ERRCODE = 'HS001';
      END IF;
      UPDATE documents SET
        content = snapshot ->> 'content', sections = snapshot -> 'sections', page_count = (snapshot ->> 'page_count')::int,
        language = snapshot ->> 'language', processing_mode = snapshot ->> 'processing_mode',
        needs_full_processing = (snapshot ->> 'needs_full_processing')::boolean, processed_at = (snapshot ->> 'processed_at')::timestamptz,
        metadata = CASE WHEN jsonb_typeof(snapshot -> 'warnings') IS NULL OR snapshot -> 'warnings' = 'null'::jsonb
                        THEN metadata - 'warnings' ELSE metadata || jsonb_build_object('warnings', snapshot -> 'warnings') END,
        status = CASE WHEN current_status IN ('pending_review', 'rejected') THEN current_status
                      WHEN snapshot ->> 'outcome' = 'failed' THEN 'failed'
                      WHEN snapshot ->> 'outcome' = 'ready' THEN 'ready'
                      WHEN current_status = 'failed' THEN 'queued'
                      ELSE current_status END,
        error_code = CASE WHEN current_status = 'rejected' THEN error_code
                          WHEN snapshot ->> 'outcome' = 'failed' THEN snapshot ->> 'error_code' ELSE NULL END,
        error_reason = CASE WHEN current_status = 'rejected' THEN error_reason
                            WHEN snapshot ->> 'outcome' = 'failed' THEN snapshot ->> 'error_reason' ELSE NULL END,
        progress = NULL, revision = revision + 1, updated_at = now()
      WHERE id = target;
    END IF;
  WHEN 'community_update' THEN
    IF is_delete THEN
      DELETE FROM documents WHERE id = (SELECT document_id FROM community_updates WHERE id = target);
      DELETE FROM community_updates WHERE id = target;
    ELSE
      INSERT INTO community_updates (id, community_id, title, body, published_by, published_at, expires_at)
      VALUES (target, community, snapshot ->> 'title', snapshot ->> 'body', snapshot ->> 'published_by',
              (snapshot ->> 'published_at')::timestamptz, (snapshot ->> 'expires_at')::timestamptz)
      ON CONFLICT (id) DO UPDATE SET community_id = EXCLUDED.community_id, title = EXCLUDED.title, body = EXCLUDED.body,
        published_by = EXCLUDED.published_by, published_at = EXCLUDED.published_at, expires_at = EXCLUDED.expires_at;
    END IF;
  WHEN 'faq_entry' THEN
    IF is_delete THEN
      DELETE FROM documents WHERE id = (SELECT document_id FROM faq_entries WHERE id = target);
      DELETE FROM faq_entries WHERE id = target;
    ELSE
      INSERT INTO faq_entries (id, community_id, question, answer, created_by)
      VALUES (target, community, snapshot ->> 'question', snapshot ->> 'answer', snapshot ->> 'created_by')
      ON CONFLICT (id) DO UPDATE SET community_id = EXCLUDED.community_id, question = EXCLUDED.question, answer = EXCLUDED.answer,
        created_by = EXCLUDED.created_by, updated_at = now();
    END IF;
  WHEN 'question' THEN
    IF is_delete THEN DELETE FROM question_log WHERE id = target;
    ELSE
      INSERT INTO question_log (id, community_id, channel, question, answer, answered, citations, provider, feedback, created_at)
      VALUES (target, community, snapshot ->> 'channel', snapshot ->> 'question', snapshot ->> 'answer', (snapshot ->> 'answered')::boolean,
              COALESCE(snapshot -> 'citations', '[]'::jsonb), snapshot ->> 'provider', snapshot ->> 'feedback', (snapshot ->> 'created_at')::timestamptz)
      ON CONFLICT (id) DO UPDATE SET community_id = EXCLUDED.community_id, channel = EXCLUDED.channel, question = EXCLUDED.question,
        answer = EXCLUDED.answer, answered = EXCLUDED.answered, citations = EXCLUDED.citations, provider = EXCLUDED.provider,
        feedback = EXCLUDED.feedback, created_at = EXCLUDED.created_at;
    END IF;
  WHEN 'conflict' THEN
    IF is_delete THEN DELETE FROM sync_conflicts WHERE id = target;
    ELSE
      INSERT INTO sync_conflicts (id, entity_type, entity_id, winner_version, other_version, reason, status, resolution, resolved_by, resolved_at)
      VALUES (target, snapshot ->> 'entity_type', snapshot ->> 'entity_id', snapshot -> 'winner_version', snapshot -> 'other_version',
              snapshot ->> 'reason', snapshot ->> 'status', snapshot ->> 'resolution', snapshot ->> 'resolved_by', (snapshot ->> 'resolved_at')::timestamptz)
      ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, resolution = EXCLUDED.resolution, resolved_by = EXCLUDED.resolved_by,
        resolved_at = EXCLUDED.resolved_at, winner_version = EXCLUDED.winner_version, other_version = EXCLUDED.other_version,
        reason = EXCLUDED.reason;
    END IF;
  ELSE
    RAISE EXCEPTION 'unknown sync entity kind %', entity_kind;
  END CASE;
  PERFORM set_config('hub.sync_applying', '', true);
  RETURN hub_sync_rev_hash(CASE WHEN is_delete THEN NULL ELSE hub_sync_snapshot(entity_kind, row_id) END);
END $$;
--> statement-breakpoint

-- Applies a batch in one round trip. Each item runs in its own subtransaction (the EXCEPTION block), so
-- one item that cannot be applied yet leaves the others applied. Returns, per item in order,
-- {"hash": ...} or {"error": ..., "state": SQLSTATE}; an item whose written row does not hash as received fails (HS002).
CREATE OR REPLACE FUNCTION hub_sync_apply_rows(items jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  item jsonb;
  results jsonb := '[]'::jsonb;
  applied_hash text;
BEGIN
  FOR item IN SELECT value FROM jsonb_array_elements(items) LOOP
    BEGIN
      applied_hash := hub_sync_apply_row(item ->> 'kind', item ->> 'id', item -> 'snapshot', (item ->> 'deleted')::boolean, item ->> 'origin', item ->> 'from');
      -- A row that does not hash like the version it was written from would look like a local edit later.
      IF applied_hash IS DISTINCT FROM item ->> 'hash' THEN
        RAISE EXCEPTION 'the row written does not match the version received (% vs %)', applied_hash, item ->> 'hash' USING ERRCODE = 'HS002';
      END IF;
      results := results || jsonb_build_array(jsonb_build_object('hash', applied_hash));
    EXCEPTION WHEN OTHERS THEN
      results := results || jsonb_build_array(jsonb_build_object('error', SQLERRM, 'state', SQLSTATE));
    END;
  END LOOP;
  RETURN results;
END $$;
