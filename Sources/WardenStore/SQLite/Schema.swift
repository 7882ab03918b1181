import GRDB

/// The SQLite schema as named, append-only migrations: never edit a step that has shipped;
/// add a new one.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("2026-11-23 people, places, members, accounts") { db in
            try db.execute(sql: foundation)
        }
        migrator.registerMigration("2026-11-23 access: approvals, second factor, budgets, alerts") { db in
            try db.execute(sql: access)
        }
        migrator.registerMigration("2026-11-23 trace: log entries, Merkle tree, versions, change notices") { db in
            try db.execute(sql: trace)
            try AuditLogBackfill.run(db)
        }
        migrator.registerMigration("2026-11-23 canvass: campaigns, walk lists, sheets, sealed contacts, person keys") { db in
            try db.execute(sql: canvass)
        }
        migrator.registerMigration("2026-11-29 watch: watched periods") { db in
            try db.execute(sql: watch)
        }
        migrator.registerMigration("2026-11-30 log: an explicit leaf index") { db in
            try db.execute(sql: leaf)
        }
        migrator.registerMigration("2026-11-30 access: a generation per account") { db in
            try db.execute(sql: accessGeneration)
        }
        migrator.registerMigration("2026-12-01 subject access: cases") { db in
            try db.execute(sql: subjectAccess)
        }
        migrator.registerMigration("2026-12-02 erasure: tombstones, suppression, redacted versions") { db in
            try db.execute(sql: erasure)
        }
        migrator.registerMigration("2026-12-02 incidents") { db in
            try db.execute(sql: incidents)
        }
        migrator.registerMigration("2026-12-03 backups: restores") { db in
            try db.execute(sql: restores)
        }
        migrator.registerMigration("2026-12-04 exports") { db in
            try db.execute(sql: exports)
        }
        migrator.registerMigration("2026-12-05 listings and budget raises") { db in
            try db.execute(sql: listings)
        }
        migrator.registerMigration("2026-12-06 dues: payments and membership history") { db in
            try db.execute(sql: dues)
        }
        migrator.registerMigration("2026-12-07 ballots") { db in
            try db.execute(sql: ballots)
        }
        migrator.registerMigration("2026-12-08 mailings and the suppression list") { db in
            try db.execute(sql: mailings)
        }
        migrator.registerMigration("2026-12-09 volunteers") { db in
            try db.execute(sql: volunteers)
        }
        migrator.registerMigration("2026-12-10 events") { db in
            try db.execute(sql: events)
        }
        return migrator
    }

    /// Events (``Event``: no personal data but the creating account's label), one RSVP row per
    /// person and event (``RSVPState``; `position` is the order RSVPs came in, the waitlist's
    /// order; `reminded` once the reminder is queued; the SHA-256 of the link that cancels it;
    /// the address it was made from), and the public form's RSVPs waiting for their
    /// confirmation link, kept as the volunteer form's sign-ups are and deleted once followed
    /// or expired.
    static let events = """
        CREATE TABLE event (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            description TEXT NOT NULL,
            place TEXT NOT NULL,
            area_id INTEGER NOT NULL REFERENCES area(id),
            starts TEXT NOT NULL,
            ends TEXT NOT NULL,
            capacity INTEGER NOT NULL,
            access TEXT NOT NULL CHECK (access IN ('public','members_only')),
            created_by TEXT NOT NULL,
            cancelled INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL);
        CREATE INDEX event_area ON event(area_id, starts);
        CREATE TABLE event_rsvp (
            event_id INTEGER NOT NULL REFERENCES event(id),
            person_id INTEGER NOT NULL REFERENCES person(id),
            position INTEGER NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('going','waitlisted','cancelled','attended','no_show')),
            email TEXT,
            source TEXT NOT NULL,
            reminded INTEGER NOT NULL DEFAULT 0,
            manage_token_hash BLOB UNIQUE,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (event_id, person_id));
        CREATE INDEX event_rsvp_person ON event_rsvp(person_id);
        CREATE TABLE event_rsvp_request (
            id INTEGER PRIMARY KEY,
            token_hash BLOB NOT NULL UNIQUE,
            event_id INTEGER NOT NULL REFERENCES event(id),
            details TEXT NOT NULL,
            client_hash BLOB NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL);
        CREATE INDEX event_rsvp_request_client ON event_rsvp_request(client_hash, created_at);
        """

    /// Volunteers (``Volunteer``), keyed by the person, with an organiser's request for their
    /// canvasser account (``CanvasserAccountAsk``), and the public form's sign-ups waiting
    /// for their confirmation link: what was typed, the SHA-256 of the link's token, when it
    /// expires and a keyed hash of the client (for the flood limit, never its address). A
    /// confirmed or expired sign-up's row is deleted.
    static let volunteers = """
        CREATE TABLE volunteer (
            person_id INTEGER PRIMARY KEY REFERENCES person(id),
            area_id INTEGER REFERENCES area(id),
            status TEXT NOT NULL CHECK (status IN ('new','contacted','active','lapsed')),
            skills TEXT NOT NULL,
            availability TEXT NOT NULL,
            source TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            account_username TEXT UNIQUE,
            account_asked_by TEXT,
            account_asked_at TEXT);
        CREATE INDEX volunteer_area ON volunteer(area_id);
        CREATE TABLE volunteer_signup (
            id INTEGER PRIMARY KEY,
            token_hash BLOB NOT NULL UNIQUE,
            details TEXT NOT NULL,
            client_hash BLOB NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL);
        CREATE INDEX volunteer_signup_client ON volunteer_signup(client_hash, created_at);
        """

    /// Mailings (``Mailing``, the message and its rule as JSON), one row per email a send
    /// queued (the recipient's record of what they were sent, which keeps the address only as
    /// its keyed hash, so an unsubscribe works after the person is erased), and the party's
    /// suppression list, keyed by the keyed hash of the address alone (``Suppression``).
    /// An outbox row of a mailing names its recipient row and its one-click unsubscribe link.
    static let mailings = """
        CREATE TABLE mailing (
            id INTEGER PRIMARY KEY,
            area_id INTEGER NOT NULL REFERENCES area(id),
            state TEXT NOT NULL CHECK (state IN ('draft','awaiting_approval','approved','sent','withdrawn')),
            setup TEXT NOT NULL,
            created_at TEXT NOT NULL);
        CREATE TABLE mailing_recipient (
            id INTEGER PRIMARY KEY,
            mailing_id INTEGER NOT NULL REFERENCES mailing(id),
            person_id INTEGER,
            address_hash BLOB NOT NULL);
        CREATE INDEX mailing_recipient_mailing ON mailing_recipient(mailing_id);
        CREATE INDEX mailing_recipient_person ON mailing_recipient(person_id);
        CREATE TABLE mail_suppression (
            hash BLOB PRIMARY KEY,
            reason TEXT NOT NULL CHECK (reason IN ('unsubscribed','objected','complained','bounced','deferred')),
            since TEXT NOT NULL,
            source TEXT NOT NULL,
            soft_bounces INTEGER NOT NULL DEFAULT 0,
            deferred_until TEXT) WITHOUT ROWID;
        ALTER TABLE outbox ADD COLUMN mailing_recipient_id INTEGER;
        ALTER TABLE outbox ADD COLUMN list_unsubscribe TEXT;
        """

    /// Members' ballots (``Ballot``): the set-up as JSON; after the freeze the electorate's
    /// keyed references (``Electorate``) and the contact points held at the freeze; each
    /// trustee's sealed share of the ballot key, and the share they hand back for the count;
    /// credentials by hash only; and the box: sealed rankings by tracker, with no voter, no
    /// time and no row order (`WITHOUT ROWID`, keyed by the tracker), so nothing in the
    /// database links a ranking to whoever cast it.
    static let ballots = """
        CREATE TABLE ballot (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            area_id INTEGER NOT NULL REFERENCES area(id),
            setup TEXT NOT NULL,
            electorate_key BLOB,
            lot_seed BLOB,
            unmixed INTEGER NOT NULL DEFAULT 0,
            result TEXT);
        CREATE TABLE ballot_share (
            ballot_id INTEGER NOT NULL REFERENCES ballot(id),
            seat INTEGER NOT NULL CHECK (seat BETWEEN 1 AND 3),
            sealed BLOB NOT NULL,
            returned BLOB,
            PRIMARY KEY (ballot_id, seat)) WITHOUT ROWID;
        CREATE TABLE ballot_voter (
            ballot_id INTEGER NOT NULL REFERENCES ballot(id),
            person_id INTEGER NOT NULL,
            reference TEXT NOT NULL,
            flagged INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (ballot_id, person_id),
            UNIQUE (ballot_id, reference)) WITHOUT ROWID;
        CREATE INDEX ballot_voter_person ON ballot_voter(person_id);
        CREATE TABLE ballot_contact (
            ballot_id INTEGER NOT NULL REFERENCES ballot(id),
            person_id INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('email','phone','postal')),
            value TEXT NOT NULL,
            PRIMARY KEY (ballot_id, person_id, kind, value)) WITHOUT ROWID;
        CREATE TABLE ballot_credential (
            id INTEGER PRIMARY KEY,
            ballot_id INTEGER NOT NULL REFERENCES ballot(id),
            person_id INTEGER NOT NULL,
            hash BLOB NOT NULL UNIQUE,
            channel TEXT NOT NULL CHECK (channel IN ('online','in_person','postal')),
            issued_at TEXT NOT NULL,
            issued_by TEXT NOT NULL,
            usable_from TEXT NOT NULL,
            voided_at TEXT,
            spent INTEGER NOT NULL DEFAULT 0);
        CREATE UNIQUE INDEX ballot_credential_live ON ballot_credential(ballot_id, person_id) WHERE voided_at IS NULL;
        CREATE TABLE ballot_box (
            ballot_id INTEGER NOT NULL REFERENCES ballot(id),
            tracker TEXT NOT NULL,
            sealed BLOB NOT NULL,
            PRIMARY KEY (ballot_id, tracker)) WITHOUT ROWID;
        CREATE TABLE contact_hold (
            id INTEGER PRIMARY KEY,
            ballot_id INTEGER NOT NULL REFERENCES ballot(id),
            person_id INTEGER NOT NULL,
            edits TEXT NOT NULL,
            reason TEXT NOT NULL,
            source TEXT NOT NULL,
            requested_at TEXT NOT NULL,
            requested_by TEXT NOT NULL,
            account_id INTEGER,
            grant_id INTEGER,
            own INTEGER NOT NULL,
            token_hash BLOB NOT NULL UNIQUE,
            state TEXT NOT NULL CHECK (state IN ('awaiting_confirmation','cooling_off','applied','refused','lapsed')),
            confirmed_at TEXT,
            confirmed_by TEXT,
            applies_at TEXT,
            settled_at TEXT);
        CREATE INDEX contact_hold_ballot ON contact_hold(ballot_id, requested_at);
        CREATE INDEX contact_hold_due ON contact_hold(state, applies_at);
        ALTER TABLE outbox ADD COLUMN wipe_after_send INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX audit_event_board ON audit_event(detail) WHERE action = 'ballot_cast';
        """

    /// How far each member's dues are paid, the payments reports' lines that paid them (or
    /// failed to), and every move of a membership through its lifecycle (``DuesRules``,
    /// ``MembershipHistoryEntry``). The party's grace periods are a `setting`.
    static let dues = """
        ALTER TABLE member ADD COLUMN paid_until TEXT;
        CREATE INDEX member_dues ON member(status, paid_until);
        CREATE TABLE payment (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES person(id),
            reference TEXT NOT NULL UNIQUE,
            paid_on TEXT NOT NULL,
            pence INTEGER NOT NULL CHECK (pence >= 0),
            outcome TEXT NOT NULL CHECK (outcome IN ('collected','failed')),
            report TEXT NOT NULL,
            recorded_at TEXT NOT NULL);
        CREATE INDEX payment_person ON payment(person_id, paid_on);
        CREATE TABLE membership_history (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES person(id),
            at TEXT NOT NULL,
            from_status TEXT NOT NULL,
            to_status TEXT NOT NULL,
            event TEXT NOT NULL,
            by_actor TEXT NOT NULL,
            grant_id INTEGER,
            reason TEXT NOT NULL);
        CREATE INDEX membership_history_person ON membership_history(person_id, id);
        """

    /// Distinct people listed per account (a search page's names and streets): the rolling
    /// listing allowance, apart from the read budget (``ListingPolicy``).
    static let listings = """
        CREATE TABLE list_charge (
            account_id INTEGER NOT NULL,
            person_id INTEGER NOT NULL,
            at TEXT NOT NULL,
            PRIMARY KEY (account_id, person_id, at)) WITHOUT ROWID;
        CREATE INDEX list_charge_window ON list_charge(account_id, at);
        -- A read budget raised for a day by the DPO (``BudgetRaise``).
        CREATE TABLE budget_raise (
            id INTEGER PRIMARY KEY,
            account_id INTEGER NOT NULL REFERENCES account(id),
            extra INTEGER NOT NULL CHECK (extra > 0),
            until TEXT NOT NULL,
            by_actor TEXT NOT NULL,
            reason TEXT NOT NULL);
        CREATE INDEX budget_raise_account ON budget_raise(account_id, until);
        """

    /// Incidents (``Incident``): the scope, the report's phases and the notice as JSON.
    /// Each restore from a backup (``LogRestore``), beside the log entry that records it: the
    /// history it cut and the witnessed entries lost, for `verify` to explain.
    static let restores = """
        CREATE TABLE log_restore (
            event_id INTEGER PRIMARY KEY REFERENCES audit_event(id),
            backup TEXT NOT NULL,
            backup_checkpoint INTEGER NOT NULL,
            witnessed_size INTEGER NOT NULL,
            witnessed_root BLOB NOT NULL,
            at TEXT NOT NULL);
        """

    /// Export requests (``ExportRequest``) as JSON beside the columns they are found by, with
    /// the encrypted file until it is fetched or expires; each made file's tokens by row (``ExportLayout/tokens(_:)``), and its decoys' names, emails
    /// and phones, unique across every export, for `warden export trace`.
    static let exports = """
        CREATE TABLE export_request (
            id INTEGER PRIMARY KEY,
            state TEXT NOT NULL,
            link_hash BLOB UNIQUE,
            file BLOB,
            body TEXT NOT NULL);
        CREATE TABLE export_mark (
            token INTEGER NOT NULL,
            export_id INTEGER NOT NULL REFERENCES export_request(id),
            row_number INTEGER NOT NULL);
        CREATE INDEX export_mark_token ON export_mark(token);
        CREATE TABLE export_decoy (
            value TEXT PRIMARY KEY,
            export_id INTEGER NOT NULL REFERENCES export_request(id));
        """

    static let incidents = """
        CREATE TABLE incident (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            aware_at TEXT NOT NULL,
            opened_by TEXT NOT NULL,
            opened_at TEXT NOT NULL,
            scope TEXT NOT NULL,
            phases TEXT NOT NULL,
            notice TEXT);
        """

    /// Erasures (``Erasure``): each request or retention batch, the people it names (once done,
    /// their tombstones), and the keyed hashes of the identifiers of people not to be contacted
    /// again. A redacted version keeps the hash it had (`erased_hash`), which the log's digest
    /// binds, and names the erasure that emptied it. Identifiers are given, not generated:
    /// restoring an older copy re-applies erasures under the numbers the ledger gave them.
    static let erasure = """
        CREATE TABLE erasure (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            reason TEXT NOT NULL,
            suppress INTEGER NOT NULL,
            requested_by TEXT NOT NULL,
            requested_at TEXT NOT NULL,
            state TEXT NOT NULL,
            decided_by TEXT,
            decided_at TEXT,
            refusal TEXT,
            versions_redacted INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX erasure_state ON erasure(state, id);
        CREATE TABLE erasure_person (
            erasure_id INTEGER NOT NULL REFERENCES erasure(id),
            person_id INTEGER NOT NULL,
            PRIMARY KEY (erasure_id, person_id)) WITHOUT ROWID;
        CREATE INDEX erasure_person_person ON erasure_person(person_id);
        CREATE TABLE suppression (
            hash BLOB PRIMARY KEY,
            erasure_id INTEGER NOT NULL REFERENCES erasure(id)) WITHOUT ROWID;
        ALTER TABLE person_version ADD COLUMN erasure_id INTEGER;
        ALTER TABLE person_version ADD COLUMN erased_hash BLOB;
        """

    /// Subject access cases (``SubjectAccessCase``) and the person records each covers.
    /// `due_on` is the case's due date with any extension, kept for the dashboard's order and
    /// the alerts' query; `warned_for` and `overdue_alerted_for` hold the due date an alert
    /// was raised for, so every server raises each alert once and an extension warns again.
    static let subjectAccess = """
        CREATE TABLE sar_case (
            id INTEGER PRIMARY KEY,
            requester TEXT NOT NULL,
            channel TEXT NOT NULL,
            received_on TEXT NOT NULL,
            due_on TEXT NOT NULL,
            opened_by TEXT NOT NULL,
            opened_at TEXT NOT NULL,
            state TEXT NOT NULL,
            identity_method TEXT,
            identity_checked_by TEXT,
            identity_checked_at TEXT,
            extension_months INTEGER,
            extension_reason TEXT,
            extension_told_on TEXT,
            outcome TEXT,
            refusal_ground TEXT,
            closed_at TEXT,
            warned_for TEXT,
            overdue_alerted_for TEXT,
            revision INTEGER NOT NULL);
        CREATE INDEX sar_case_due ON sar_case(state, due_on);
        CREATE TABLE sar_subject (
            case_id INTEGER NOT NULL REFERENCES sar_case(id),
            person_id INTEGER NOT NULL REFERENCES person(id),
            PRIMARY KEY (case_id, person_id)) WITHOUT ROWID;
        CREATE INDEX sar_subject_person ON sar_subject(person_id);
        """

    /// A counter per account, bumped by triggers whenever anything that decides its access
    /// changes, so a write can check in its own transaction that the standing it was decided
    /// on still holds (``AccessStanding``). Triggers, not the code that makes each change, so
    /// no path (a CLI in another process, a member import, a future statement) can forget.
    /// A session's last-seen time and a TOTP step's use change no access and bump nothing.
    static let accessGeneration = """
        ALTER TABLE account ADD COLUMN access_generation INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX account_person ON account(person_id);
        CREATE TRIGGER access_generation_grant_added AFTER INSERT ON access_grant BEGIN
            UPDATE account SET access_generation = access_generation + 1 WHERE id = NEW.account_id;
        END;
        CREATE TRIGGER access_generation_grant_changed AFTER UPDATE ON access_grant BEGIN
            UPDATE account SET access_generation = access_generation + 1 WHERE id IN (OLD.account_id, NEW.account_id);
        END;
        CREATE TRIGGER access_generation_grant_removed AFTER DELETE ON access_grant BEGIN
            UPDATE account SET access_generation = access_generation + 1 WHERE id = OLD.account_id;
        END;
        CREATE TRIGGER access_generation_member_added AFTER INSERT ON member BEGIN
            UPDATE account SET access_generation = access_generation + 1 WHERE person_id = NEW.person_id;
        END;
        CREATE TRIGGER access_generation_member_changed AFTER UPDATE OF status, person_id ON member
        WHEN OLD.status IS NOT NEW.status OR OLD.person_id IS NOT NEW.person_id BEGIN
            UPDATE account SET access_generation = access_generation + 1 WHERE person_id IN (OLD.person_id, NEW.person_id);
        END;
        CREATE TRIGGER access_generation_member_removed AFTER DELETE ON member BEGIN
            UPDATE account SET access_generation = access_generation + 1 WHERE person_id = OLD.person_id;
        END;
        CREATE TRIGGER access_generation_session_ended AFTER UPDATE OF ended_at ON session
        WHEN OLD.ended_at IS NOT NEW.ended_at BEGIN
            UPDATE account SET access_generation = access_generation + 1 WHERE id = NEW.account_id;
        END;
        CREATE TRIGGER access_generation_account_changed AFTER UPDATE OF disabled_at, password_hash, totp_secret, person_id ON account
        WHEN OLD.disabled_at IS NOT NEW.disabled_at OR OLD.password_hash IS NOT NEW.password_hash
          OR OLD.totp_secret IS NOT NEW.totp_secret OR OLD.person_id IS NOT NEW.person_id BEGIN
            UPDATE account SET access_generation = access_generation + 1 WHERE id = NEW.id;
        END;
        """

    /// Each entry's place in the log, assigned by the sequencer as it appends (one past the
    /// largest, in the writer's transaction) instead of read off the row identifier: an
    /// engine whose identifiers leave gaps on rollback (a PostgreSQL sequence) must not make
    /// `verify` see deletions. Until now the leaf index was `id - 1`, so that is what rows
    /// already logged keep.
    static let leaf = """
        ALTER TABLE audit_event ADD COLUMN leaf INTEGER;
        UPDATE audit_event SET leaf = id - 1;
        CREATE UNIQUE INDEX audit_event_leaf ON audit_event(leaf);
        """

    /// Periods when an area's members are a target (a selection): see ``WatchedPeriod``.
    static let watch = """
        CREATE TABLE watched_period (
            id INTEGER PRIMARY KEY,
            area_id INTEGER NOT NULL REFERENCES area(id),
            starts_at TEXT NOT NULL,
            ends_at TEXT NOT NULL,
            reason TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL);
        CREATE INDEX watched_period_end ON watched_period(ends_at);
        """

    static let access = """
        ALTER TABLE account ADD COLUMN totp_secret BLOB;
        ALTER TABLE account ADD COLUMN totp_last_step INTEGER;
        ALTER TABLE access_grant ADD COLUMN needs_approval INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE access_grant ADD COLUMN approved_by TEXT;
        ALTER TABLE access_grant ADD COLUMN approved_at TEXT;
        ALTER TABLE access_grant ADD COLUMN revoked_by TEXT;
        ALTER TABLE session ADD COLUMN second_factor INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE session ADD COLUMN client TEXT NOT NULL DEFAULT '';

        CREATE TABLE recovery_code (
            id INTEGER PRIMARY KEY,
            account_id INTEGER NOT NULL REFERENCES account(id),
            code_hash BLOB NOT NULL,
            used_at TEXT);
        CREATE INDEX recovery_code_account ON recovery_code(account_id);

        CREATE TABLE sign_in_failure (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            username TEXT NOT NULL,
            client TEXT NOT NULL);
        CREATE INDEX sign_in_failure_username ON sign_in_failure(username, at);
        CREATE INDEX sign_in_failure_client ON sign_in_failure(client, at);

        -- Distinct people read per account: the rolling read budget.
        CREATE TABLE read_charge (
            account_id INTEGER NOT NULL,
            person_id INTEGER NOT NULL,
            at TEXT NOT NULL,
            PRIMARY KEY (account_id, person_id, at)) WITHOUT ROWID;
        CREATE INDEX read_charge_window ON read_charge(account_id, at);

        CREATE TABLE alert (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            account_id INTEGER,
            actor TEXT NOT NULL,
            detail TEXT NOT NULL,
            acknowledged_at TEXT,
            acknowledged_by TEXT);
        CREATE INDEX alert_open ON alert(acknowledged_at, at);

        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            created_at TEXT NOT NULL,
            recipient TEXT NOT NULL,
            subject TEXT NOT NULL,
            body TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','sent','failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            sent_at TEXT);

        CREATE TABLE setting (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL);
        """

    static let trace = """
        -- Contact points gain postal addresses; SQLite cannot alter a CHECK, so the table is rebuilt.
        CREATE TABLE contact_point_new (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES person(id),
            kind TEXT NOT NULL CHECK (kind IN ('email','phone','postal')),
            value TEXT NOT NULL,
            source TEXT NOT NULL,
            consent TEXT NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (person_id, kind, value));
        INSERT INTO contact_point_new SELECT id, person_id, kind, value, source, consent, created_at FROM contact_point;
        DROP TABLE contact_point;
        ALTER TABLE contact_point_new RENAME TO contact_point;

        -- Each audit event is a leaf of the log: `entry` holds its canonical bytes
        -- (docs/log-format.md) and its leaf index was `id - 1` (now `leaf`). The other columns are indexes
        -- over the entry, checked against it by `warden verify`.
        ALTER TABLE audit_event ADD COLUMN entry BLOB;
        ALTER TABLE audit_event ADD COLUMN versions_first INTEGER;
        ALTER TABLE audit_event ADD COLUMN versions_last INTEGER;
        CREATE INDEX audit_event_versions ON audit_event(versions_last) WHERE versions_last IS NOT NULL;
        CREATE INDEX audit_event_at ON audit_event(at);

        -- Every write to a person makes a version holding the whole record afterwards.
        CREATE TABLE person_version (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL,
            at TEXT NOT NULL,
            account_id INTEGER,
            actor TEXT NOT NULL,
            grant_id INTEGER,
            reason TEXT NOT NULL,
            fields TEXT NOT NULL,
            state TEXT NOT NULL);
        CREATE INDEX person_version_person ON person_version(person_id, id);
        CREATE INDEX person_version_account ON person_version(account_id, at);
        CREATE INDEX person_version_at ON person_version(at);

        -- Interior nodes of the Merkle tree at levels 4, 8, 12 …: a node at level L and index
        -- i is the root of leaves [i·2^L, (i+1)·2^L). Any subtree hash needs at most 8
        -- lookups, and the table holds about one row per 15 entries.
        CREATE TABLE log_node (
            level INTEGER NOT NULL,
            idx INTEGER NOT NULL,
            hash BLOB NOT NULL,
            PRIMARY KEY (level, idx)) WITHOUT ROWID;

        CREATE TABLE log_checkpoint (
            size INTEGER PRIMARY KEY,
            root BLOB NOT NULL,
            note TEXT NOT NULL,
            at TEXT NOT NULL);

        -- A notice to a member that their contact details changed, per old or new contact point.
        CREATE TABLE change_notice (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL,
            version_id INTEGER NOT NULL,
            field TEXT NOT NULL,
            channel TEXT NOT NULL CHECK (channel IN ('email','sms','post')),
            recipient TEXT NOT NULL,
            token_hash BLOB NOT NULL UNIQUE,
            created_at TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('queued','to_print','printed','no_gateway')),
            disputed_at TEXT);
        CREATE INDEX change_notice_channel ON change_notice(channel, status);

        ALTER TABLE outbox ADD COLUMN next_attempt_at TEXT;
        CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
        """

    static let canvass = """
        -- A canvasser's grant for one walk list covers only that list's households.
        ALTER TABLE access_grant ADD COLUMN scope_walk_list_id INTEGER;

        CREATE TABLE campaign (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            starts_on TEXT NOT NULL,
            ends_on TEXT NOT NULL,
            survey TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL);
        CREATE TABLE campaign_area (
            campaign_id INTEGER NOT NULL REFERENCES campaign(id),
            area_id INTEGER NOT NULL REFERENCES area(id),
            PRIMARY KEY (campaign_id, area_id)) WITHOUT ROWID;

        CREATE TABLE walk_list (
            id INTEGER PRIMARY KEY,
            campaign_id INTEGER NOT NULL REFERENCES campaign(id),
            name TEXT NOT NULL,
            polling_district_id INTEGER NOT NULL REFERENCES area(id),
            doors INTEGER NOT NULL,
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            assigned_account_id INTEGER REFERENCES account(id),
            assigned_grant_id INTEGER REFERENCES access_grant(id),
            assigned_at TEXT,
            expires_at TEXT,
            ended_at TEXT);
        CREATE INDEX walk_list_campaign ON walk_list(campaign_id, polling_district_id);

        -- Households in walking order.
        CREATE TABLE walk_list_household (
            walk_list_id INTEGER NOT NULL REFERENCES walk_list(id),
            position INTEGER NOT NULL,
            household_id INTEGER NOT NULL REFERENCES household(id),
            PRIMARY KEY (walk_list_id, position)) WITHOUT ROWID;
        CREATE INDEX walk_list_household_household ON walk_list_household(household_id, walk_list_id);

        -- Printed copies: each has a serial and stays out until returned or destroyed.
        CREATE TABLE walk_sheet (
            id INTEGER PRIMARY KEY,
            walk_list_id INTEGER NOT NULL REFERENCES walk_list(id),
            serial TEXT NOT NULL UNIQUE,
            printed_at TEXT NOT NULL,
            printed_by TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('out','returned','destroyed')),
            closed_at TEXT,
            closed_by TEXT);
        CREATE INDEX walk_sheet_list ON walk_sheet(walk_list_id);

        -- One data key per person, wrapped by a key-encryption key from the key ring (never
        -- stored here). Deleting the row makes the person's sealed answers unreadable.
        CREATE TABLE person_key (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL UNIQUE,
            kek_version INTEGER NOT NULL,
            wrapped BLOB NOT NULL,
            created_at TEXT NOT NULL);
        CREATE INDEX person_key_version ON person_key(kek_version);

        -- One attempt to reach a person. Survey answers (intention, views, notes) are sealed
        -- under the person's data key, bound to `uid` and the person.
        CREATE TABLE canvass_contact (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            person_id INTEGER NOT NULL REFERENCES person(id),
            household_id INTEGER,
            campaign_id INTEGER NOT NULL REFERENCES campaign(id),
            walk_list_id INTEGER REFERENCES walk_list(id),
            polling_district_id INTEGER,
            at TEXT NOT NULL,
            account_id INTEGER,
            actor TEXT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('spoke','not_in','refused','moved','come_back')),
            channel TEXT NOT NULL CHECK (channel IN ('door','phone')),
            do_not_contact INTEGER NOT NULL DEFAULT 0,
            sealed BLOB,
            data_key_id INTEGER REFERENCES person_key(id));
        CREATE INDEX canvass_contact_person ON canvass_contact(person_id, id);
        CREATE INDEX canvass_contact_campaign ON canvass_contact(campaign_id, at);
        CREATE INDEX canvass_contact_list ON canvass_contact(walk_list_id, person_id);
        """

    /// Secondary indexes a first register import drops and rebuilds: building an index by
    /// sorting a million rows once is several times cheaper than a million random inserts.
    /// Unique indexes stay (they find duplicate elector numbers and addresses as rows arrive).
    /// Each statement must match the index as the migrations left it.
    static let bulkLoadIndexes: [(name: String, create: String)] = [
        ("person_name_household", "CREATE INDEX person_name_household ON person(name_key, household_id) WHERE name_key IS NOT NULL"),
        ("person_name_birth", "CREATE INDEX person_name_birth ON person(name_key, date_of_birth) WHERE name_key IS NOT NULL AND date_of_birth IS NOT NULL"),
        ("person_household", "CREATE INDEX person_household ON person(household_id)"),
        ("household_postcode", "CREATE INDEX household_postcode ON household(postcode)"),
        ("household_district", "CREATE INDEX household_district ON household(polling_district_id)"),
        ("elector_current_person", "CREATE INDEX elector_current_person ON elector(person_id) WHERE current = 1"),
        ("elector_current_district", "CREATE INDEX elector_current_district ON elector(polling_district_id) WHERE current = 1"),
    ]

    static let foundation = """
        CREATE TABLE area (
            id INTEGER PRIMARY KEY,
            level TEXT NOT NULL CHECK (level IN ('nation','region','constituency','ward','polling_district')),
            code TEXT NOT NULL,
            name TEXT NOT NULL,
            parent_id INTEGER REFERENCES area(id),
            UNIQUE (level, code));
        CREATE INDEX area_parent ON area(parent_id);

        CREATE TABLE party_unit (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('constituency_party','branch')),
            area_id INTEGER NOT NULL UNIQUE REFERENCES area(id),
            name TEXT NOT NULL);

        CREATE TABLE household (
            id INTEGER PRIMARY KEY,
            address_key TEXT NOT NULL UNIQUE,
            lines TEXT NOT NULL,
            postcode TEXT NOT NULL,
            house_number INTEGER,
            polling_district_id INTEGER REFERENCES area(id));
        CREATE INDEX household_postcode ON household(postcode);
        CREATE INDEX household_district ON household(polling_district_id);

        CREATE TABLE person (
            id INTEGER PRIMARY KEY,
            title TEXT,
            forenames TEXT NOT NULL,
            surname TEXT NOT NULL,
            name_key TEXT,
            date_of_birth TEXT,
            household_id INTEGER REFERENCES household(id),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL);
        CREATE INDEX person_name_household ON person(name_key, household_id) WHERE name_key IS NOT NULL;
        CREATE INDEX person_name_birth ON person(name_key, date_of_birth) WHERE name_key IS NOT NULL AND date_of_birth IS NOT NULL;
        CREATE INDEX person_household ON person(household_id);

        CREATE TABLE register_import (
            id INTEGER PRIMARY KEY,
            file_name TEXT NOT NULL,
            layout TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            imported_by TEXT NOT NULL,
            rows INTEGER NOT NULL DEFAULT 0,
            added INTEGER NOT NULL DEFAULT 0,
            changed INTEGER NOT NULL DEFAULT 0,
            unchanged INTEGER NOT NULL DEFAULT 0,
            removed INTEGER NOT NULL DEFAULT 0);

        -- One row per person per register edition; `current` marks the entry in force.
        CREATE TABLE elector (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES person(id),
            register_import_id INTEGER NOT NULL REFERENCES register_import(id),
            polling_district_id INTEGER NOT NULL REFERENCES area(id),
            prefix TEXT NOT NULL,
            number INTEGER NOT NULL,
            suffix INTEGER NOT NULL,
            markers TEXT NOT NULL,
            franchise TEXT,
            attainer_date TEXT,
            anonymous INTEGER NOT NULL,
            opted_out INTEGER NOT NULL,
            current INTEGER NOT NULL DEFAULT 1,
            ended_by_import_id INTEGER REFERENCES register_import(id),
            UNIQUE (prefix, number, suffix, register_import_id));
        CREATE INDEX elector_current_person ON elector(person_id) WHERE current = 1;
        CREATE INDEX elector_current_district ON elector(polling_district_id) WHERE current = 1;

        CREATE TABLE member (
            person_id INTEGER PRIMARY KEY REFERENCES person(id),
            membership_number TEXT NOT NULL UNIQUE,
            status TEXT NOT NULL CHECK (status IN ('active','in_arrears','lapsed','resigned','expelled','suspended')),
            joined_on TEXT,
            status_since TEXT,
            branch_area_id INTEGER REFERENCES area(id),
            dues_pence INTEGER,
            dues_frequency TEXT,
            updated_at TEXT NOT NULL);
        CREATE INDEX member_branch ON member(branch_area_id);

        CREATE TABLE contact_point (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES person(id),
            kind TEXT NOT NULL CHECK (kind IN ('email','phone')),
            value TEXT NOT NULL,
            source TEXT NOT NULL,
            consent TEXT NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (person_id, kind, value));

        CREATE TABLE account (
            id INTEGER PRIMARY KEY,
            username TEXT NOT NULL UNIQUE,
            person_id INTEGER REFERENCES person(id),
            password_hash TEXT NOT NULL,
            created_at TEXT NOT NULL,
            disabled_at TEXT);

        CREATE TABLE access_grant (
            id INTEGER PRIMARY KEY,
            account_id INTEGER NOT NULL REFERENCES account(id),
            role TEXT NOT NULL,
            scope_area_id INTEGER REFERENCES area(id),
            purpose TEXT NOT NULL,
            granted_by TEXT NOT NULL,
            reason TEXT NOT NULL,
            starts_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            revoked_at TEXT);
        CREATE INDEX access_grant_account ON access_grant(account_id);

        CREATE TABLE session (
            id INTEGER PRIMARY KEY,
            token_hash BLOB NOT NULL UNIQUE,
            account_id INTEGER NOT NULL REFERENCES account(id),
            created_at TEXT NOT NULL,
            last_seen_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            csrf_token TEXT NOT NULL,
            ended_at TEXT);

        CREATE TABLE audit_event (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            account_id INTEGER,
            action TEXT NOT NULL,
            purpose TEXT,
            outcome TEXT NOT NULL,
            detail TEXT NOT NULL,
            data_classes TEXT NOT NULL,
            people_count INTEGER NOT NULL);
        CREATE INDEX audit_event_account ON audit_event(account_id, at);

        CREATE TABLE audit_person (
            event_id INTEGER NOT NULL REFERENCES audit_event(id),
            person_id INTEGER NOT NULL,
            PRIMARY KEY (event_id, person_id)) WITHOUT ROWID;
        CREATE INDEX audit_person_person ON audit_person(person_id);
        """
}
