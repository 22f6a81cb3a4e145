//! The store contract, written once and run against every backend: each test takes a
//! `Backend` (a place for a new, empty book of its own) and goes through `store::Book`
//! only. A backend joins the suite with one line at the bottom, `contract!(name, expr)`.
//! What only SQLite has (files, permissions, WAL, read-only files, damaged rows, upgrades
//! from older schemas) is tested in tests/sqlite.rs and tests/damaged.rs.

mod contacts;
mod customers;
mod follow_ups;
mod import;
mod journal;
mod leaving;
mod merge;
mod moment_people;
mod nudges;
mod outcomes;
mod parking;
mod people;
mod people_found;
mod records;
mod relationship;
mod reminders;
mod search;
mod support;
mod undo;
mod week;
mod words;
mod writers;

use touchbase::store::Book;

/// Where a test's book lives. Every call to `open` gives another handle on the same book
/// (as another process would open it); the book is new and empty at the first.
pub trait Backend {
    fn open(&self) -> Box<dyn Book>;
}

/// A book in an SQLite file of its own, in a temporary directory removed at the end.
pub struct Sqlite(tempfile::TempDir);

impl Default for Sqlite {
    fn default() -> Sqlite {
        Sqlite(tempfile::TempDir::new().expect("a temporary directory"))
    }
}

impl Backend for Sqlite {
    fn open(&self) -> Box<dyn Book> {
        touchbase::store::open(&self.0.path().join("touchbase.db")).expect("opening the book")
    }
}

/// One `#[test]` per contract test, in a module per backend: `$new` makes the backend.
macro_rules! contract {
    ($backend:ident, $new:expr) => {
        mod $backend {
            fn backend() -> impl super::Backend {
                $new
            }
            tests! {
                customers::{
                    the_book_lists_never_contacted_first_then_oldest_contact,
                    a_page_read_from_the_end_is_the_same_page_in_every_order,
                    each_customer_s_neighbours_are_those_of_the_page_order,
                    the_whole_book_streams_in_the_order_of_its_pages,
                    the_whole_book_placed_is_the_stream_in_its_order,
                    names_resolve_exactly_or_by_unique_prefix_ignoring_case,
                    adding_trims_and_editing_writes_only_the_patched_fields,
                    a_missing_customer_is_not_found,
                    rows_and_the_index_come_back_for_the_ids_asked,
                    data_survives_reopening,
                    archiving_moves_a_customer_from_the_book_to_the_archive_and_back,
                    the_archive_flag_is_read_and_set_in_the_writing_transaction,
                    archiving_nobody_is_not_found_and_writes_nothing,
                },
                contacts::{
                    logging_a_contact_moves_last_contact_but_a_note_does_not,
                    gifts_are_gives_and_complaints_open_a_trigger,
                    logging_for_a_missing_customer_saves_nothing,
                    satisfaction_keeps_the_latest_and_the_one_before,
                    a_backdated_contact_moves_last_contact_only_when_it_is_the_latest,
                    previous_satisfaction_follows_the_contacts_times,
                    a_backdated_gift_and_complaint_date_from_when_they_happened,
                    an_undone_backdated_contact_leaves_the_summaries_as_before,
                    the_timeline_reads_on_page_by_page_to_the_oldest_contact,
                    a_line_closes_open_follow_ups_of_its_customer_or_saves_nothing,
                },
                follow_ups::{
                    follow_ups_are_done_once_and_snoozed_while_open,
                    a_missing_follow_up_is_not_found,
                },
                relationship::{
                    moments_close_once_and_line_up_by_expected_day,
                    triggers_resolve_once_open_ones_first,
                    gives_and_asks_are_counted,
                    orders_add_up_to_the_value_and_its_tier,
                    a_customer_s_gives_asks_and_orders_list_newest_first,
                    records_for_a_missing_customer_are_not_found,
                },
                outcomes::{
                    a_moment_closes_with_its_outcome_note_and_keeps_it_when_closed_again_without_one,
                    a_trigger_resolves_with_a_note_on_how_and_it_is_edited_like_its_other_fields,
                    how_a_moment_went_and_how_a_trigger_was_resolved_are_searched,
                    an_undone_close_or_resolve_puts_the_note_back_and_refuses_once_it_was_edited,
                    a_close_journaled_before_the_notes_is_still_undone,
                },
                records::{
                    editing_contacts_recomputes_last_contact_and_satisfaction,
                    deleting_the_newest_contact_keeps_what_its_line_made_unlinked,
                    orders_and_gives_edited_or_deleted_keep_value_and_balance_right,
                    follow_ups_moments_and_triggers_are_edited_and_deleted,
                    a_missing_or_deleted_record_is_not_found_and_nothing_changes,
                    an_undone_edit_puts_the_row_back_and_refuses_once_it_changed,
                    an_undone_delete_is_refused_once_its_id_was_given_again,
                    a_deleted_customer_comes_back_with_every_record_by_undo,
                },
                nudges::{
                    every_walk_hands_out_its_rows_in_score_order,
                    every_kind_and_tier_has_a_walk,
                    counts_and_upcoming_moments,
                },
                week::{
                    a_week_is_read_by_day_and_cut_at_the_limit_with_the_total,
                },
                parking::{
                    a_snooze_holds_until_its_day_and_a_later_one_replaces_it,
                    a_paused_customer_is_left_out_of_the_cadence_walk_and_count,
                    an_undone_snooze_or_pause_puts_back_what_was_there_and_refuses_once_changed,
                },
                import::{
                    an_import_adds_merges_and_leaves_alone,
                    a_dry_run_changes_nothing,
                },
                journal::{
                    a_journaled_action_is_undone_newest_first_from_any_handle,
                    a_failed_action_saves_neither_its_writes_nor_an_entry,
                    a_refused_entry_changes_nothing_and_undo_goes_on_to_the_one_before,
                    the_journal_keeps_its_newest_entries,
                },
                undo::{
                    an_undone_log_takes_back_everything_it_wrote,
                    an_undo_is_refused_once_another_handle_built_on_the_change,
                    an_undone_edit_keeps_what_another_handle_changed,
                    an_undone_archive_puts_the_flag_back_and_refuses_once_it_changed,
                },
                merge::{
                    a_merge_moves_every_record_fills_empty_fields_and_keeps_the_name_findable,
                    an_undone_merge_puts_the_other_back_exactly,
                    a_deleted_merged_customer_comes_back_found_by_their_words_and_former_name,
                    an_undone_delete_refuses_once_a_former_name_s_id_was_given_again,
                    an_undo_of_a_merge_refuses_once_something_changed_since,
                    a_customer_is_not_merged_with_themselves_an_archived_one_or_nobody,
                },
                search::{
                    every_kind_of_note_is_found_with_its_customer_and_day,
                    every_word_must_appear_and_the_last_may_be_a_prefix,
                    accents_and_case_do_not_matter,
                    hits_are_ranked_rarer_words_and_shorter_notes_first,
                    operators_and_quotes_are_plain_words_never_errors,
                    the_index_follows_a_log_an_undo_and_an_edit_of_the_notes,
                    archived_customers_are_left_out_and_merged_notes_move,
                    the_index_follows_an_edit_and_a_delete_of_a_record_and_their_undo,
                    a_bulk_write_indexes_its_rows_once_with_their_last_words,
                },
                words::{
                    any_word_of_the_name_or_company_finds_a_customer_ignoring_accents,
                    an_exact_name_is_found_whatever_its_case_and_accents,
                    the_words_follow_every_change_of_a_name,
                    archived_customers_are_found_by_their_words_in_the_archive_only,
                },
                people::{
                    a_new_customer_has_its_main_person_with_its_details,
                    people_are_listed_main_first_then_by_name_then_who_left,
                    a_person_for_no_customer_or_an_unknown_person_is_not_found,
                    bad_details_are_refused_and_nothing_is_written,
                    marking_a_person_left_twice_is_refused_with_the_day,
                    the_customer_and_its_main_person_stay_in_step,
                    adding_a_main_person_moves_main,
                    people_are_found_by_an_address_or_a_number_however_typed,
                    a_merge_brings_the_other_s_people_along_as_not_main,
                    a_contact_is_with_its_person_or_the_main_contact,
                },
                people_found::{
                    a_person_s_name_finds_their_account_at_every_level,
                    the_words_follow_a_person_s_rename_and_its_undo,
                    an_undone_add_forgets_the_person_s_name,
                    a_merge_takes_the_people_s_names_along_and_its_undo_brings_them_back,
                    a_person_who_left_still_finds_the_account,
                    the_same_name_at_two_accounts_is_found_at_both,
                },
                moment_people::{
                    a_moment_names_its_people_by_part_and_a_new_set_replaces_the_old,
                    people_of_another_customer_are_refused_and_nothing_is_written,
                    undo_puts_a_moment_s_people_back_and_an_older_entry_reads_with_none,
                    a_merged_customer_s_moments_keep_their_people,
                },
                leaving::{
                    a_leaver_s_trigger_waits_for_a_contact_with_someone_else,
                    a_contact_before_the_leaving_answers_nothing,
                    a_new_account_starts_with_the_person_followed_there,
                    a_valuable_account_on_one_person_is_single_threaded,
                },
                reminders::{
                    the_last_delivered_digest_comes_back_as_recorded,
                    a_setting_is_kept_replaced_and_removed,
                },
                writers::{
                    two_writers_at_once_lose_no_update_and_keep_the_summaries_right,
                    another_handle_sees_every_committed_write,
                    a_handle_tells_another_handle_s_commits_from_its_own,
                },
            }
        }
    };
}

/// `module::{test, …}` lists: each test becomes `#[test] fn test()` calling
/// `crate::module::test(&backend())`.
macro_rules! tests {
    ($($module:ident::{$($test:ident),* $(,)?}),* $(,)?) => {
        $(
            mod $module {
                $(
                    #[test]
                    fn $test() {
                        crate::$module::$test(&super::backend());
                    }
                )*
            }
        )*
    };
}

contract!(sqlite, super::Sqlite::default());
