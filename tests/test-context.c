/* test-context.c — filter, selection, playhead and the visible set
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "atlas-model.h"

/* tests/data/sample.json, in time order:
 *   0 e6 2016-07-11 (week, approximate)   syria-gov, russia       aleppo      military
 *   1 e3 2016-12 (month)                  un                                  humanitarian
 *   2 e2 2016-12-05                       syria-gov, rebels       east-aleppo military
 *   3 e1 2016-12-05T10:00+02:00           lavrov, kerry           moscow, geneva diplomacy
 *   4 e5 2016-12-06T14:30Z "Café"         assad                   aleppo      statement
 *   5 e4 2016-12-07 – 2016-12-08          lavrov, kerry           hamburg     diplomacy */

typedef struct
{
  AtlasDataset *dataset;
  AtlasContext *context;
  AtlasFilter  *filter;
  guint         n_visible_changed;
  guint         n_notify_n_visible;
} Fixture;

static void
visible_changed_cb (AtlasContext *context,
                    Fixture      *fixture)
{
  fixture->n_visible_changed++;
}

static void
notify_n_visible_cb (AtlasContext *context,
                     GParamSpec   *pspec,
                     Fixture      *fixture)
{
  fixture->n_notify_n_visible++;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "sample.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  fixture->dataset = atlas_dataset_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  fixture->context = atlas_context_new ();
  fixture->filter = atlas_context_get_filter (fixture->context);
  g_signal_connect (fixture->context, "visible-changed", G_CALLBACK (visible_changed_cb), fixture);
  g_signal_connect (fixture->context, "notify::n-visible", G_CALLBACK (notify_n_visible_cb),
                    fixture);
  atlas_context_set_dataset (fixture->context, fixture->dataset);
  fixture->n_visible_changed = 0;
  fixture->n_notify_n_visible = 0;
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_finalize_object (fixture->context);
  g_assert_finalize_object (fixture->dataset);
}

/* asserts the visible event indexes, given as a string "0 3 5" */
static void
assert_visible (Fixture    *fixture,
                const char *expected)
{
  g_autoptr(GString) got = g_string_new (NULL);
  const guint *visible;
  guint n;

  visible = atlas_context_get_visible (fixture->context, &n);
  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (got, "%s%u", i > 0 ? " " : "", visible[i]);
      g_assert_true (atlas_context_is_visible (fixture->context,
                                               atlas_dataset_get_event (fixture->dataset,
                                                                        visible[i])));
    }
  g_assert_cmpstr (got->str, ==, expected);
  g_assert_cmpuint (atlas_context_get_n_visible (fixture->context), ==, n);

  /* the fast path agrees with matching event by event */
  if (!atlas_context_get_up_to_playhead (fixture->context))
    {
      for (guint e = 0; e < atlas_dataset_get_n_events (fixture->dataset); e++)
        {
          AtlasEvent *event = atlas_dataset_get_event (fixture->dataset, e);

          g_assert_cmpint (atlas_context_matches_filter (fixture->context, event), ==,
                           atlas_context_is_visible (fixture->context, event));
        }
    }
}

static AtlasActor *
actor (Fixture    *fixture,
       const char *id)
{
  AtlasActor *a = atlas_dataset_lookup_actor (fixture->dataset, id);

  g_assert_nonnull (a);
  return a;
}

static void
test_order (Fixture       *fixture,
            gconstpointer  data)
{
  const char *ids[] = { "e6", "e3", "e2", "e1", "e5", "e4" };
  gint64 from, to;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_assert_cmpstr (atlas_event_get_id (atlas_dataset_get_event (fixture->dataset, i)), ==,
                     ids[i]);

  g_assert_true (atlas_dataset_get_time_range (fixture->dataset, &from, &to));
  g_assert_cmpint (from, ==, atlas_time_from_civil (2016, 7, 11, 0, 0, 0));
  g_assert_cmpint (to, ==, atlas_time_from_civil (2017, 1, 1, 0, 0, 0));
  /* setting the dataset put the playhead at the end */
  g_assert_cmpint (atlas_context_get_playhead (fixture->context), ==, to);
  assert_visible (fixture, "0 1 2 3 4 5");
}

static void
test_actor_any_all (Fixture       *fixture,
                    gconstpointer  data)
{
  atlas_filter_set_actor_active (fixture->filter, actor (fixture, "lavrov"), TRUE);
  g_assert_cmpuint (fixture->n_visible_changed, ==, 1);
  assert_visible (fixture, "3 5");

  atlas_filter_set_actor_active (fixture->filter, actor (fixture, "rebels"), TRUE);
  assert_visible (fixture, "2 3 5");
  atlas_filter_set_match_all (fixture->filter, TRUE);
  assert_visible (fixture, "");
  g_assert_cmpuint (fixture->n_visible_changed, ==, 3);

  atlas_filter_set_actor_active (fixture->filter, actor (fixture, "rebels"), FALSE);
  atlas_filter_set_actor_active (fixture->filter, actor (fixture, "kerry"), TRUE);
  assert_visible (fixture, "3 5");
  g_assert_cmpuint (atlas_filter_get_n_actors (fixture->filter), ==, 2);

  atlas_filter_set_only_actor (fixture->filter, actor (fixture, "un"));
  assert_visible (fixture, "1");
  g_assert_true (atlas_filter_get_actor_active (fixture->filter, actor (fixture, "un")));
  g_assert_false (atlas_filter_get_actor_active (fixture->filter, actor (fixture, "kerry")));

  g_assert_cmpuint (atlas_context_count_visible_for_actor (fixture->context, actor (fixture, "un")),
                    ==, 1);
  g_assert_cmpuint (atlas_context_count_visible_for_actor (fixture->context,
                                                           actor (fixture, "lavrov")), ==, 0);
}

static void
test_actor_members (Fixture       *fixture,
                    gconstpointer  data)
{
  AtlasActor *russia = actor (fixture, "russia");

  atlas_filter_set_only_actor (fixture->filter, russia);
  assert_visible (fixture, "0");

  atlas_filter_set_include_members (fixture->filter, TRUE);
  assert_visible (fixture, "0 3 5");

  /* Russia (with Lavrov) and the United States (with Kerry), all of them */
  atlas_filter_set_actor_active (fixture->filter, actor (fixture, "usa"), TRUE);
  atlas_filter_set_match_all (fixture->filter, TRUE);
  assert_visible (fixture, "3 5");

  atlas_filter_set_include_members (fixture->filter, FALSE);
  assert_visible (fixture, "");
}

static void
test_category (Fixture       *fixture,
               gconstpointer  data)
{
  atlas_filter_set_category_active (fixture->filter, "diplomacy", TRUE);
  assert_visible (fixture, "3 5");
  atlas_filter_set_category_active (fixture->filter, "military", TRUE);
  assert_visible (fixture, "0 2 3 5");
  g_assert_true (atlas_filter_get_category_active (fixture->filter, "military"));
  g_assert_false (atlas_filter_get_category_active (fixture->filter, "statement"));

  /* no change, no signal */
  fixture->n_visible_changed = 0;
  atlas_filter_set_category_active (fixture->filter, "military", TRUE);
  g_assert_cmpuint (fixture->n_visible_changed, ==, 0);

  atlas_filter_set_category_active (fixture->filter, "diplomacy", FALSE);
  atlas_filter_set_category_active (fixture->filter, "military", FALSE);
  assert_visible (fixture, "0 1 2 3 4 5");
  g_assert_true (atlas_filter_is_empty (fixture->filter));
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  struct {
    const char *needle;
    const char *visible;
  } cases[] = {
    { "lavrov", "3 5" },
    { "  LAVROV ", "3 5" },
    { "ЛАВРОВ", "3 5" },             /* Cyrillic name, other case */
    { "john kerry", "3 5" },         /* an alias */
    { "cafe", "4" },                 /* accent-insensitive */
    { "CAFÉ", "4" },
    { "حلب", "0 4" },                /* Arabic place name */
    { "بَشّار", "4" },                 /* Arabic with diacritics matches the bare name */
    { "الأسد", "4" },
    { "Москва", "3" },
    { "ceasefire", "1" },
    { "nothing like this", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      atlas_filter_set_search (fixture->filter, cases[i].needle);
      g_assert_cmpstr (atlas_filter_get_search (fixture->filter), ==, cases[i].needle);
      assert_visible (fixture, cases[i].visible);
    }

  atlas_filter_set_search (fixture->filter, "");
  g_assert_null (atlas_filter_get_search (fixture->filter));
  assert_visible (fixture, "0 1 2 3 4 5");
}

static void
test_time_window (Fixture       *fixture,
                  gconstpointer  data)
{
  gint64 from, to;

  atlas_filter_set_time_window (fixture->filter, atlas_time_from_civil (2016, 12, 6, 0, 0, 0),
                                atlas_time_from_civil (2016, 12, 7, 0, 0, 0));
  /* the December event spans its month; e2 ends at the start of the window */
  assert_visible (fixture, "1 4");

  atlas_filter_set_time_window (fixture->filter, atlas_time_from_civil (2016, 12, 8, 12, 0, 0),
                                ATLAS_TIME_NONE);
  /* e4 runs to the end of 8 December */
  assert_visible (fixture, "1 5");

  atlas_filter_set_time_window (fixture->filter, ATLAS_TIME_NONE,
                                atlas_time_from_civil (2016, 12, 1, 0, 0, 0));
  assert_visible (fixture, "0");

  atlas_filter_get_time_window (fixture->filter, &from, &to);
  g_assert_cmpint (from, ==, ATLAS_TIME_NONE);
  g_assert_cmpint (to, ==, atlas_time_from_civil (2016, 12, 1, 0, 0, 0));

  atlas_filter_reset (fixture->filter);
  assert_visible (fixture, "0 1 2 3 4 5");
}

static void
test_playhead (Fixture       *fixture,
               gconstpointer  data)
{
  AtlasLocation *aleppo = atlas_dataset_lookup_location (fixture->dataset, "aleppo");

  atlas_context_set_playhead (fixture->context, atlas_time_from_civil (2016, 12, 5, 8, 0, 0));
  /* not in playhead mode: nothing changes */
  g_assert_cmpuint (fixture->n_visible_changed, ==, 0);

  atlas_context_set_up_to_playhead (fixture->context, TRUE);
  g_assert_cmpuint (fixture->n_visible_changed, ==, 1);
  g_assert_cmpuint (fixture->n_notify_n_visible, ==, 1);
  assert_visible (fixture, "0 1 2 3");   /* e1 starts exactly at the playhead */
  g_assert_cmpuint (atlas_context_count_visible_for_location (fixture->context, aleppo), ==, 1);

  atlas_context_set_playhead (fixture->context, atlas_time_from_civil (2016, 8, 1, 0, 0, 0));
  assert_visible (fixture, "0");
  atlas_filter_set_category_active (fixture->filter, "humanitarian", TRUE);
  assert_visible (fixture, "");
  g_assert_cmpuint (fixture->n_visible_changed, ==, 3);

  atlas_context_set_playhead (fixture->context, ATLAS_TIME_NONE);
  assert_visible (fixture, "1");
  atlas_context_set_up_to_playhead (fixture->context, FALSE);
  assert_visible (fixture, "1");
}

static void
test_set_dataset (Fixture       *fixture,
                  gconstpointer  data)
{
  AtlasSelection *selection = atlas_context_get_selection (fixture->context);
  g_autoptr(AtlasContext) context = atlas_context_new ();
  guint n_changed = 0;

  atlas_filter_set_search (fixture->filter, "lavrov");
  atlas_selection_select_event (selection, atlas_dataset_get_event (fixture->dataset, 3));
  fixture->n_visible_changed = 0;
  fixture->n_notify_n_visible = 0;

  atlas_context_set_dataset (fixture->context, NULL);
  g_assert_cmpuint (fixture->n_visible_changed, ==, 1);
  g_assert_cmpuint (fixture->n_notify_n_visible, ==, 1);
  g_assert_cmpuint (atlas_context_get_n_visible (fixture->context), ==, 0);
  g_assert_null (atlas_filter_get_search (fixture->filter));
  g_assert_cmpuint (atlas_selection_get_n_events (selection), ==, 0);
  g_assert_cmpint (atlas_context_get_playhead (fixture->context), ==, ATLAS_TIME_NONE);

  atlas_context_set_dataset (fixture->context, fixture->dataset);
  g_assert_cmpuint (fixture->n_visible_changed, ==, 2);
  assert_visible (fixture, "0 1 2 3 4 5");

  /* a fresh context through the property */
  g_object_set (context, "dataset", fixture->dataset, NULL);
  g_object_get (context, "n-visible", &n_changed, NULL);
  g_assert_cmpuint (n_changed, ==, 6);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GString    *log)
{
  g_string_append_printf (log, "items-changed(%u,%u,%u) ", position, removed, added);
}

static void
selection_changed_cb (AtlasSelection *selection,
                      GString        *log)
{
  g_string_append (log, "changed ");
}

static void
test_selection (Fixture       *fixture,
                gconstpointer  data)
{
  AtlasSelection *selection = atlas_context_get_selection (fixture->context);
  AtlasEvent *e4 = atlas_dataset_lookup_event (fixture->dataset, "e4");
  AtlasEvent *e6 = atlas_dataset_lookup_event (fixture->dataset, "e6");
  AtlasEvent *events[] = { e4, e6, e4 };
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(AtlasEvent) item = NULL;

  g_signal_connect (selection, "items-changed", G_CALLBACK (items_changed_cb), log);
  g_signal_connect (selection, "changed", G_CALLBACK (selection_changed_cb), log);

  atlas_selection_select_events (selection, events, G_N_ELEMENTS (events));
  g_assert_cmpstr (log->str, ==, "items-changed(0,0,2) changed ");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 2);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (selection)) == ATLAS_TYPE_EVENT);
  item = g_list_model_get_item (G_LIST_MODEL (selection), 0);
  g_assert_true (item == e6);
  g_assert_true (atlas_selection_get_event (selection, 1) == e4);
  g_assert_true (atlas_selection_get_first (selection) == e6);
  g_assert_true (atlas_selection_contains (selection, e4));
  g_assert_true (atlas_selection_involves_actor (selection, actor (fixture, "russia")));
  g_assert_false (atlas_selection_involves_actor (selection, actor (fixture, "un")));
  g_assert_true (atlas_selection_involves_location (selection,
                                                    atlas_dataset_lookup_location (fixture->dataset,
                                                                                   "hamburg")));

  /* the same selection again: no signal */
  g_string_truncate (log, 0);
  atlas_selection_select_events (selection, events, 2);
  g_assert_cmpstr (log->str, ==, "");

  atlas_selection_toggle_event (selection, e6);
  g_assert_cmpstr (log->str, ==, "items-changed(0,2,1) changed ");
  g_assert_true (atlas_selection_get_first (selection) == e4);

  g_string_truncate (log, 0);
  atlas_selection_clear (selection);
  g_assert_cmpstr (log->str, ==, "items-changed(0,1,0) changed ");
  g_assert_null (atlas_selection_get_first (selection));

  g_signal_handlers_disconnect_by_data (selection, log);
}

static const char *
selected_id (Fixture *fixture)
{
  AtlasEvent *first = atlas_selection_get_first (atlas_context_get_selection (fixture->context));

  return first != NULL ? atlas_event_get_id (first) : NULL;
}

static void
test_next_previous (Fixture       *fixture,
                    gconstpointer  data)
{
  g_assert_true (atlas_context_select_next (fixture->context));
  g_assert_cmpstr (selected_id (fixture), ==, "e6");
  g_assert_true (atlas_context_select_next (fixture->context));
  g_assert_cmpstr (selected_id (fixture), ==, "e3");
  g_assert_true (atlas_context_select_previous (fixture->context));
  g_assert_cmpstr (selected_id (fixture), ==, "e6");
  g_assert_false (atlas_context_select_previous (fixture->context));
  g_assert_cmpstr (selected_id (fixture), ==, "e6");

  /* walks visible events only */
  atlas_filter_set_category_active (fixture->filter, "diplomacy", TRUE);
  g_assert_true (atlas_context_select_next (fixture->context));
  g_assert_cmpstr (selected_id (fixture), ==, "e1");
  g_assert_true (atlas_context_select_next (fixture->context));
  g_assert_cmpstr (selected_id (fixture), ==, "e4");
  g_assert_false (atlas_context_select_next (fixture->context));
  g_assert_cmpstr (selected_id (fixture), ==, "e4");
  g_assert_true (atlas_context_select_previous (fixture->context));
  g_assert_cmpstr (selected_id (fixture), ==, "e1");

  atlas_selection_clear (atlas_context_get_selection (fixture->context));
  g_assert_true (atlas_context_select_previous (fixture->context));
  g_assert_cmpstr (selected_id (fixture), ==, "e4");

  atlas_filter_set_search (fixture->filter, "no such event");
  g_assert_false (atlas_context_select_next (fixture->context));
}

static void
test_event_details (Fixture       *fixture,
                    gconstpointer  data)
{
  AtlasEvent *e1 = atlas_dataset_lookup_event (fixture->dataset, "e1");
  AtlasEvent *e2 = atlas_dataset_lookup_event (fixture->dataset, "e2");
  AtlasEvent *e4 = atlas_dataset_lookup_event (fixture->dataset, "e4");
  AtlasEvent *e6 = atlas_dataset_lookup_event (fixture->dataset, "e6");
  AtlasSource *s1 = atlas_event_get_source (e1);
  g_autofree char *d1 = atlas_event_format_date (e1);
  g_autofree char *d4 = atlas_event_format_date (e4);
  g_autofree char *d6 = atlas_event_format_date (e6);
  AtlasActor *speaker = NULL;
  const char *qualifier = NULL;
  AtlasPlaceRole role;
  gint64 count, from, to;
  gssize byte;

  g_assert_cmpstr (d1, ==, "Monday 5 December 2016, 10:00:00 (UTC+02:00)");
  g_assert_cmpstr (d4, ==, "7 – 8 December 2016");
  g_assert_cmpstr (d6, ==, "mid-July 2016 (approximate)");
  g_assert_cmpstr (atlas_event_get_date_text (e6), ==, "mid-July");

  atlas_event_get_span (e6, &from, &to);
  g_assert_cmpint (to - from, ==, 7 * ATLAS_USEC_PER_DAY);
  atlas_event_get_span (e4, &from, &to);
  g_assert_cmpint (to, ==, atlas_time_from_civil (2016, 12, 9, 0, 0, 0));

  g_assert_cmpuint (atlas_event_get_n_places (e1), ==, 2);
  g_assert_cmpstr (atlas_location_get_id (atlas_event_get_place (e1, 1, &role)), ==, "geneva");
  g_assert_cmpint (role, ==, ATLAS_PLACE_ROLE_DESTINATION);
  g_assert_true (atlas_event_get_attributed_to (e1) == actor (fixture, "lavrov"));
  g_assert_cmpuint (atlas_event_get_n_quotes (e1), ==, 1);
  g_assert_cmpstr (atlas_event_get_quote (e1, 0, &speaker), ==, "talks would resume");
  g_assert_true (speaker == actor (fixture, "lavrov"));

  byte = atlas_source_char_to_byte (s1, (gsize) atlas_event_get_excerpt_offset (e1));
  g_assert_cmpint (byte, >=, 0);
  g_assert_true (strncmp (atlas_source_get_text (s1) + byte, atlas_event_get_excerpt (e1),
                          strlen (atlas_event_get_excerpt (e1))) == 0);

  g_assert_cmpuint (atlas_event_get_n_fatalities (e2), ==, 2);
  g_assert_cmpstr (atlas_event_get_fatality (e2, 0, &count, &qualifier), ==, "civilians");
  g_assert_cmpint (count, ==, 30);
  g_assert_cmpstr (qualifier, ==, "at least");
  g_assert_cmpstr (atlas_event_get_fatality (e2, 1, &count, &qualifier), ==, "fighters");
  g_assert_cmpint (count, ==, 4);
  g_assert_null (qualifier);

  g_assert_true (atlas_location_get_parent (atlas_dataset_lookup_location (fixture->dataset,
                                                                           "east-aleppo"))
                 == atlas_dataset_lookup_location (fixture->dataset, "aleppo"));
  g_assert_cmpstr (atlas_actor_get_name_for (actor (fixture, "russia"), "ru"), ==, "Россия");
  g_assert_cmpstr (atlas_actor_get_name_for (actor (fixture, "russia"), "fr"), ==, "Russia");
}

static void
notify_claimant_cb (AtlasFilter *filter,
                    GParamSpec  *pspec,
                    guint       *n_notify)
{
  (*n_notify)++;
}

/* e1 is said by Lavrov and attributed to him; e4 has him as an agent only; the
 * UN speaks in e3, Assad in e5 */
static void
test_claimant (Fixture       *fixture,
               gconstpointer  data)
{
  guint n_notify = 0;

  g_signal_connect (fixture->filter, "notify::claimant", G_CALLBACK (notify_claimant_cb),
                    &n_notify);
  g_assert_null (atlas_filter_get_claimant (fixture->filter));

  atlas_filter_set_claimant (fixture->filter, actor (fixture, "lavrov"));
  g_assert_true (atlas_filter_get_claimant (fixture->filter) == actor (fixture, "lavrov"));
  g_assert_false (atlas_filter_is_empty (fixture->filter));
  g_assert_cmpuint (n_notify, ==, 1);
  g_assert_cmpuint (fixture->n_visible_changed, ==, 1);
  assert_visible (fixture, "3");

  /* no change, no signal */
  atlas_filter_set_claimant (fixture->filter, actor (fixture, "lavrov"));
  g_assert_cmpuint (n_notify, ==, 1);
  g_assert_cmpuint (fixture->n_visible_changed, ==, 1);

  atlas_filter_set_claimant (fixture->filter, actor (fixture, "un"));
  assert_visible (fixture, "1");
  atlas_filter_set_claimant (fixture->filter, actor (fixture, "assad"));
  assert_visible (fixture, "4");
  atlas_filter_set_claimant (fixture->filter, actor (fixture, "kerry"));
  assert_visible (fixture, "");

  /* Russia claims nothing itself; with its members, what Lavrov claims */
  atlas_filter_set_claimant (fixture->filter, actor (fixture, "russia"));
  assert_visible (fixture, "");
  fixture->n_visible_changed = 0;
  atlas_filter_set_include_members (fixture->filter, TRUE);
  g_assert_cmpuint (fixture->n_visible_changed, ==, 1);
  assert_visible (fixture, "3");

  /* on top of the actor filter (the context's fast path) and the window */
  atlas_filter_set_claimant (fixture->filter, actor (fixture, "lavrov"));
  atlas_filter_set_only_actor (fixture->filter, actor (fixture, "kerry"));
  assert_visible (fixture, "3");
  atlas_filter_set_only_actor (fixture->filter, actor (fixture, "rebels"));
  assert_visible (fixture, "");
  atlas_filter_set_only_actor (fixture->filter, NULL);
  atlas_filter_set_time_window (fixture->filter, atlas_time_from_civil (2016, 12, 6, 0, 0, 0),
                                ATLAS_TIME_NONE);
  assert_visible (fixture, "");

  n_notify = 0;
  atlas_filter_reset (fixture->filter);
  g_assert_null (atlas_filter_get_claimant (fixture->filter));
  g_assert_cmpuint (n_notify, ==, 1);
  g_assert_true (atlas_filter_is_empty (fixture->filter));
  assert_visible (fixture, "0 1 2 3 4 5");

  /* a new dataset drops the claimant with the rest of the filter */
  atlas_filter_set_claimant (fixture->filter, actor (fixture, "lavrov"));
  atlas_context_set_dataset (fixture->context, NULL);
  g_assert_null (atlas_filter_get_claimant (fixture->filter));
}

/* the visible set by the definition: every event the filter matches and, in
 * "up to the playhead" mode, that is undated or starts at or before it */
static gboolean
visible_by_definition (Fixture    *fixture,
                       AtlasEvent *event,
                       gboolean    with_playhead)
{
  gint64 playhead = atlas_context_get_playhead (fixture->context);

  if (!atlas_filter_matches (fixture->filter, event))
    return FALSE;
  if (!with_playhead || !atlas_context_get_up_to_playhead (fixture->context)
      || playhead == ATLAS_TIME_NONE || atlas_event_is_undated (event))
    return TRUE;
  return atlas_event_get_start (event) <= playhead;
}

static void
assert_indexes_agree (Fixture *fixture)
{
  guint n_events = atlas_dataset_get_n_events (fixture->dataset);
  guint n_visible, n_matching;
  const guint *visible = atlas_context_get_visible (fixture->context, &n_visible);
  const guint *matching = atlas_context_get_matching (fixture->context, &n_matching);
  const guint64 *bits = atlas_context_get_visible_bits (fixture->context);
  guint v = 0, m = 0;
  GListModel *actors = atlas_dataset_get_actors (fixture->dataset);
  GListModel *locations = atlas_dataset_get_locations (fixture->dataset);

  for (guint e = 0; e < n_events; e++)
    {
      AtlasEvent *event = atlas_dataset_get_event (fixture->dataset, e);
      gboolean is_visible = visible_by_definition (fixture, event, TRUE);

      if (is_visible)
        {
          g_assert_cmpuint (v, <, n_visible);
          g_assert_cmpuint (visible[v++], ==, e);
        }
      g_assert_cmpint ((bits[e / 64] >> (e % 64)) & 1, ==, is_visible);
      g_assert_cmpint (atlas_context_is_visible (fixture->context, event), ==, is_visible);
      if (visible_by_definition (fixture, event, FALSE))
        {
          g_assert_cmpuint (m, <, n_matching);
          g_assert_cmpuint (matching[m++], ==, e);
        }
    }
  g_assert_cmpuint (v, ==, n_visible);
  g_assert_cmpuint (m, ==, n_matching);

  for (guint a = 0; a < g_list_model_get_n_items (actors); a++)
    {
      AtlasActor *actor = atlas_dataset_get_actor (fixture->dataset, a);
      guint count = 0;

      for (guint i = 0; i < n_visible; i++)
        count += atlas_event_has_actor (atlas_dataset_get_event (fixture->dataset, visible[i]),
                                        actor);
      g_assert_cmpuint (atlas_context_count_visible_for_actor (fixture->context, actor), ==,
                        count);
    }
  for (guint l = 0; l < g_list_model_get_n_items (locations); l++)
    {
      AtlasLocation *location = atlas_dataset_get_location (fixture->dataset, l);
      guint count = 0;

      for (guint i = 0; i < n_visible; i++)
        count += atlas_event_has_location (atlas_dataset_get_event (fixture->dataset,
                                                                    visible[i]),
                                           location);
      g_assert_cmpuint (atlas_context_count_visible_for_location (fixture->context, location),
                        ==, count);
    }
}

static AtlasActor *
random_actor (Fixture *fixture,
              GRand   *rand)
{
  guint n_actors = g_list_model_get_n_items (atlas_dataset_get_actors (fixture->dataset));

  return atlas_dataset_get_actor (fixture->dataset,
                                  (guint) g_rand_int_range (rand, 0, (gint32) n_actors));
}

/* The context cuts actors with posting lists and time with binary searches over
 * the sorted starts: random combinations of every criterion give exactly the
 * events the definition does. */
static void
test_indexes_match_filter (Fixture       *fixture,
                           gconstpointer  data)
{
  static const char *categories[] = { "military", "diplomacy", "humanitarian", "statement" };
  static const char *searches[] = { NULL, "aleppo", "café", "lavrov" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20161205);
  gint64 from, to;
  /* instants around the sample's events: inside the month of e3, at midnights,
   * in the middle of e4's range */
  gint64 instants[8];

  g_assert_true (atlas_dataset_get_time_range (fixture->dataset, &from, &to));
  instants[0] = ATLAS_TIME_NONE;
  instants[1] = from - 1;
  instants[2] = from + 1;
  instants[3] = to;
  instants[4] = to - 1;
  for (guint i = 5; i < G_N_ELEMENTS (instants); i++)
    instants[i] = from + (gint64) (g_rand_double (rand) * (double) (to - from));

  for (guint round = 0; round < 1500; round++)
    {
      guint n_active = (guint) g_rand_int_range (rand, 0, 4);
      gint64 window_from, window_to, playhead;

      atlas_filter_reset (fixture->filter);
      for (guint i = 0; i < n_active; i++)
        atlas_filter_set_actor_active (fixture->filter, random_actor (fixture, rand), TRUE);
      atlas_filter_set_match_all (fixture->filter, g_rand_boolean (rand));
      atlas_filter_set_include_members (fixture->filter, g_rand_boolean (rand));
      if (g_rand_int_range (rand, 0, 4) == 0)
        atlas_filter_set_category_active (fixture->filter,
                                          categories[g_rand_int_range (rand, 0, 4)], TRUE);
      atlas_filter_set_search (fixture->filter,
                               searches[g_rand_int_range (rand, 0, G_N_ELEMENTS (searches))]);
      if (g_rand_int_range (rand, 0, 6) == 0)
        atlas_filter_set_claimant (fixture->filter, random_actor (fixture, rand));

      window_from = g_rand_boolean (rand) ? ATLAS_TIME_NONE
                    : from + (gint64) (g_rand_double (rand) * (double) (to - from));
      window_to = g_rand_boolean (rand) ? ATLAS_TIME_NONE
                  : from + (gint64) (g_rand_double (rand) * (double) (to - from));
      if (g_rand_int_range (rand, 0, 3) == 0)
        {
          window_from = instants[g_rand_int_range (rand, 0, G_N_ELEMENTS (instants))];
          window_to = instants[g_rand_int_range (rand, 0, G_N_ELEMENTS (instants))];
        }
      else if (g_rand_int_range (rand, 0, 2) == 0)
        {
          /* exactly where an event starts or its span ends */
          gint32 n_events = (gint32) atlas_dataset_get_n_events (fixture->dataset);
          guint index = (guint) g_rand_int_range (rand, 0, n_events);
          AtlasEvent *event = atlas_dataset_get_event (fixture->dataset, index);
          gint64 start, end;

          atlas_event_get_span (event, &start, &end);
          window_from = g_rand_boolean (rand) ? start : end;
          window_to = g_rand_boolean (rand) ? end : ATLAS_TIME_NONE;
        }
      atlas_filter_set_time_window (fixture->filter, window_from, window_to);

      if (g_rand_boolean (rand))
        playhead = instants[g_rand_int_range (rand, 0, G_N_ELEMENTS (instants))];
      else
        playhead = from + (gint64) (g_rand_double (rand) * (double) (to - from));
      atlas_context_set_playhead (fixture->context, playhead);
      atlas_context_set_up_to_playhead (fixture->context, g_rand_boolean (rand));

      assert_indexes_agree (fixture);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/context/order", test_order);
  ADD ("/context/filter/actor-any-all", test_actor_any_all);
  ADD ("/context/filter/actor-members", test_actor_members);
  ADD ("/context/filter/category", test_category);
  ADD ("/context/filter/search", test_search);
  ADD ("/context/filter/time-window", test_time_window);
  ADD ("/context/filter/claimant", test_claimant);
  ADD ("/context/playhead", test_playhead);
  ADD ("/context/set-dataset", test_set_dataset);
  ADD ("/context/selection", test_selection);
  ADD ("/context/next-previous", test_next_previous);
  ADD ("/context/event-details", test_event_details);
  ADD ("/context/indexes-match-filter", test_indexes_match_filter);

#undef ADD

  return g_test_run ();
}
