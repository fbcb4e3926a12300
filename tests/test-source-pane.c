/* test-source-pane.c — the source text pane driven as a reader would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "atlas-model.h"
#include "atlas-sentences.h"
#include "atlas-source-pane.h"

/* a dataset whose only source has no text */
static const char no_text_json[] =
  "{ \"format\": \"event-atlas\", \"version\": 1, \"title\": \"No text\","
  "  \"sources\": [ { \"id\": \"s1\", \"title\": \"Wire\" } ],"
  "  \"actors\": [], \"locations\": [],"
  "  \"events\": [ { \"id\": \"e1\", \"title\": \"Something\", \"start\": \"2016-12-05\","
  "                  \"source\": { \"source\": \"s1\" } } ] }";

typedef struct {
  AtlasDataset    *dataset;
  AtlasContext    *context;
  GtkWindow       *window;
  AtlasSourcePane *pane;
} Fixture;

static void
settle (GtkWidget *widget)
{
  gtk_test_widget_wait_for_draw (widget);
  for (guint i = 0; i < 20 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
  gtk_test_widget_wait_for_draw (widget);
}

static void
fixture_setup_dataset (Fixture      *fixture,
                       AtlasDataset *dataset)
{
  fixture->dataset = dataset;
  fixture->context = atlas_context_new ();
  atlas_context_set_dataset (fixture->context, fixture->dataset);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 400, 600);
  fixture->pane = ATLAS_SOURCE_PANE (atlas_source_pane_new ());
  atlas_source_pane_set_context (fixture->pane, fixture->context);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->pane));
  gtk_window_present (fixture->window);
  settle (GTK_WIDGET (fixture->pane));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (TEST_DATADIR "/aleppo-2016-12-05.json");
  g_autoptr(GError) error = NULL;
  AtlasDataset *dataset = atlas_dataset_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  fixture_setup_dataset (fixture, dataset);
}

static void
fixture_setup_no_text (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (no_text_json, sizeof no_text_json - 1);
  g_autoptr(GError) error = NULL;
  AtlasDataset *dataset = atlas_dataset_new_from_bytes (bytes, "no-text.json", &error);

  g_assert_no_error (error);
  fixture_setup_dataset (fixture, dataset);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_assert_finalize_object (fixture->context);
  g_assert_finalize_object (fixture->dataset);
}

static AtlasEvent *
event (Fixture    *fixture,
       const char *id)
{
  AtlasEvent *e = atlas_dataset_lookup_event (fixture->dataset, id);

  g_assert_nonnull (e);
  return e;
}

static gint64
excerpt_end (AtlasEvent *e)
{
  return atlas_event_get_excerpt_offset (e) + g_utf8_strlen (atlas_event_get_excerpt (e), -1);
}

static AtlasSelection *
selection (Fixture *fixture)
{
  return atlas_context_get_selection (fixture->context);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_verbatim (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(AtlasSource) source = g_list_model_get_item (atlas_dataset_get_sources (fixture->dataset), 0);
  g_autofree char *shown = atlas_source_pane_dup_source_text (fixture->pane, 0);
  GtkWidget *status = find_descendant (GTK_WIDGET (fixture->pane), ADW_TYPE_STATUS_PAGE);

  g_assert_true (atlas_source_pane_has_text (fixture->pane));
  g_assert_cmpstr (shown, ==, atlas_source_get_text (source));
  g_assert_null (atlas_source_pane_dup_source_text (fixture->pane, 1));
  g_assert_nonnull (status);
  g_assert_false (gtk_widget_get_mapped (status));
}

static void
test_marks (Fixture       *fixture,
            gconstpointer  data)
{
  AtlasEvent *nurse = event (fixture, "nurse-killed-furqan");
  gint64 from = atlas_event_get_excerpt_offset (nurse);

  /* every event's excerpt is marked, from its first to its last character */
  for (guint e = 0; e < atlas_dataset_get_n_events (fixture->dataset); e++)
    {
      AtlasEvent *ev = atlas_dataset_get_event (fixture->dataset, e);

      g_assert_true (atlas_source_pane_offset_is_marked (fixture->pane, 0,
                                                         atlas_event_get_excerpt_offset (ev)));
      g_assert_true (atlas_source_pane_offset_is_marked (fixture->pane, 0, excerpt_end (ev) - 1));
    }

  g_assert_true (atlas_source_pane_offset_is_marked (fixture->pane, 0, from));
  /* the photo caption (193) and its credit (260) are cited by no event: plain;
   * Lavrov's quotation “Taking into account…” (1047) is */
  g_assert_false (atlas_source_pane_offset_is_marked (fixture->pane, 0, 193));
  g_assert_false (atlas_source_pane_offset_is_marked (fixture->pane, 0, 262));
  g_assert_true (atlas_source_pane_offset_is_marked (fixture->pane, 0, 1100));
  /* nothing is selected yet */
  g_assert_false (atlas_source_pane_offset_is_selected (fixture->pane, 0, from));
}

static void
test_select_nurse (Fixture       *fixture,
                   gconstpointer  data)
{
  AtlasEvent *nurse = event (fixture, "nurse-killed-furqan");
  gint64 from = atlas_event_get_excerpt_offset (nurse);
  gint64 to = excerpt_end (nurse);

  atlas_selection_select_event (selection (fixture), nurse);
  settle (GTK_WIDGET (fixture->pane));

  g_assert_true (atlas_source_pane_offset_is_selected (fixture->pane, 0, from));
  g_assert_true (atlas_source_pane_offset_is_selected (fixture->pane, 0, to - 1));
  g_assert_false (atlas_source_pane_offset_is_selected (fixture->pane, 0, to + 2));
  g_assert_false (atlas_source_pane_offset_is_selected (fixture->pane, 0, from - 2));
  g_assert_true (atlas_source_pane_offset_is_on_screen (fixture->pane, 0, from));

  atlas_selection_clear (selection (fixture));
  g_assert_false (atlas_source_pane_offset_is_selected (fixture->pane, 0, from));
  /* still marked as cited */
  g_assert_true (atlas_source_pane_offset_is_marked (fixture->pane, 0, from));
}

static void
test_select_scrolls (Fixture       *fixture,
                     gconstpointer  data)
{
  AtlasEvent *su33 = event (fixture, "su-33-crash");
  AtlasEvent *first = event (fixture, "lavrov-announces-expert-talks");
  gint64 su33_from = atlas_event_get_excerpt_offset (su33);

  /* the top of the article is shown, the Su-33 paragraph far below */
  g_assert_true (atlas_source_pane_offset_is_on_screen (fixture->pane, 0, 0));
  g_assert_false (atlas_source_pane_offset_is_on_screen (fixture->pane, 0, su33_from));

  atlas_selection_select_event (selection (fixture), su33);
  settle (GTK_WIDGET (fixture->pane));
  g_assert_true (atlas_source_pane_offset_is_on_screen (fixture->pane, 0, su33_from));
  g_assert_false (atlas_source_pane_offset_is_on_screen (fixture->pane, 0, 0));

  atlas_selection_select_event (selection (fixture), first);
  settle (GTK_WIDGET (fixture->pane));
  g_assert_true (atlas_source_pane_offset_is_on_screen (fixture->pane, 0, 0));
}

/* the events whose excerpt covers @offset, computed from the model */
static GPtrArray *
events_covering (Fixture *fixture,
                 gint64   offset)
{
  GPtrArray *events = g_ptr_array_new ();

  for (guint e = 0; e < atlas_dataset_get_n_events (fixture->dataset); e++)
    {
      AtlasEvent *ev = atlas_dataset_get_event (fixture->dataset, e);

      if (atlas_event_get_excerpt_offset (ev) <= offset && offset < excerpt_end (ev))
        g_ptr_array_add (events, ev);
    }

  return events;
}

static void
assert_selection_is (Fixture   *fixture,
                     GPtrArray *events)
{
  g_assert_cmpuint (atlas_selection_get_n_events (selection (fixture)), ==, events->len);
  for (guint i = 0; i < events->len; i++)
    g_assert_true (atlas_selection_contains (selection (fixture), g_ptr_array_index (events, i)));
}

static void
test_click (Fixture       *fixture,
            gconstpointer  data)
{
  AtlasEvent *su33 = event (fixture, "su-33-crash");
  AtlasEvent *nurse = event (fixture, "nurse-killed-furqan");
  gint64 inside = atlas_event_get_excerpt_offset (su33) + 40;
  g_autoptr(GPtrArray) su33_events = events_covering (fixture, inside);
  g_autoptr(GPtrArray) shared = events_covering (fixture, 2700);

  /* inside the Su-33 sentence: exactly the events citing it */
  g_assert_cmpuint (su33_events->len, ==, 1);
  atlas_source_pane_click_at_offset (fixture->pane, 0, inside, 0);
  assert_selection_is (fixture, su33_events);
  g_assert_true (atlas_source_pane_offset_is_selected (fixture->pane, 0, inside));

  /* "Rebel forces seized east Aleppo in 2012, and the army last month
   * launched…" is cited by two events: a click selects both */
  g_assert_cmpuint (shared->len, ==, 2);
  atlas_source_pane_click_at_offset (fixture->pane, 0, 2700, 0);
  assert_selection_is (fixture, shared);
  g_assert_false (atlas_source_pane_offset_is_selected (fixture->pane, 0, inside));

  /* the nurse sentence, then Ctrl adds the Su-33 one, and Ctrl again takes it out */
  atlas_source_pane_click_at_offset (fixture->pane, 0, atlas_event_get_excerpt_offset (nurse) + 5, 0);
  g_assert_cmpuint (atlas_selection_get_n_events (selection (fixture)), ==, 1);
  g_assert_true (atlas_selection_get_first (selection (fixture)) == nurse);
  atlas_source_pane_click_at_offset (fixture->pane, 0, inside, GDK_CONTROL_MASK);
  g_assert_cmpuint (atlas_selection_get_n_events (selection (fixture)), ==, 2);
  g_assert_true (atlas_selection_contains (selection (fixture), nurse));
  g_assert_true (atlas_selection_contains (selection (fixture), su33));
  atlas_source_pane_click_at_offset (fixture->pane, 0, inside, GDK_CONTROL_MASK);
  g_assert_cmpuint (atlas_selection_get_n_events (selection (fixture)), ==, 1);
  g_assert_true (atlas_selection_get_first (selection (fixture)) == nurse);

  /* a sentence no event cites: nothing happens */
  atlas_source_pane_click_at_offset (fixture->pane, 0, 200, 0);
  g_assert_cmpuint (atlas_selection_get_n_events (selection (fixture)), ==, 1);
  g_assert_true (atlas_selection_get_first (selection (fixture)) == nurse);
}

static void
test_count (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(AtlasSource) source = g_list_model_get_item (atlas_dataset_get_sources (fixture->dataset), 0);
  g_autoptr(GArray) sentences = atlas_sentences_new_for_source (fixture->dataset, source);

  g_assert_cmpuint (atlas_source_pane_get_n_sentences (fixture->pane), ==, sentences->len);
  g_assert_cmpuint (atlas_source_pane_get_n_cited_sentences (fixture->pane), ==,
                    atlas_sentences_count_cited (sentences));
  g_assert_cmpuint (atlas_source_pane_get_n_sentences (fixture->pane), ==, 31);
  g_assert_cmpuint (atlas_source_pane_get_n_cited_sentences (fixture->pane), ==, 29);
}

static void
test_quote_tooltip (Fixture       *fixture,
                    gconstpointer  data)
{
  /* “As soon as these routes and timeframes are agreed on, a ceasefire can come
   * into effect,” Lavrov said. — the quotation starts after the opening mark */
  g_autofree char *quote = atlas_source_pane_dup_tooltip_at_offset (fixture->pane, 0, 531);
  g_autofree char *said = atlas_source_pane_dup_tooltip_at_offset (fixture->pane, 0, 625);
  g_autofree char *plain = atlas_source_pane_dup_tooltip_at_offset (fixture->pane, 0, 200);
  g_autofree char *su33 = atlas_source_pane_dup_tooltip_at_offset (fixture->pane, 0, 3800);

  g_assert_cmpstr (quote, ==,
                   "Said by Sergei Lavrov\n"
                   "\n"
                   "Cited by this event:\n"
                   "• Ceasefire to follow agreement on withdrawal routes, according to Sergei Lavrov\n"
                   "Click to select; Ctrl+click to add to the selection");
  /* "Lavrov said." is in the excerpt but not in the quotation */
  g_assert_true (g_str_has_prefix (said, "Cited by this event:\n"));
  g_assert_cmpstr (plain, ==,
                   "Not cited on purpose: Caption of a news photograph that is not part of the "
                   "dataset; it reports no event of its own.");
  g_assert_cmpstr (su33, ==,
                   "Cited by this event:\n"
                   "• Su-33 from the Admiral Kuznetsov crashes into the Mediterranean, according to "
                   "Russian Defence Ministry\n"
                   "Click to select; Ctrl+click to add to the selection");
}

static void
test_no_text (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *status = find_descendant (GTK_WIDGET (fixture->pane), ADW_TYPE_STATUS_PAGE);

  g_assert_false (atlas_source_pane_has_text (fixture->pane));
  g_assert_cmpuint (atlas_source_pane_get_n_sentences (fixture->pane), ==, 0);
  g_assert_null (atlas_source_pane_dup_source_text (fixture->pane, 0));
  g_assert_nonnull (status);
  g_assert_true (gtk_widget_get_mapped (status));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==,
                   "This dataset has no source text");

  /* clicks and selections do nothing harmful */
  atlas_source_pane_click_at_offset (fixture->pane, 0, 0, 0);
  atlas_selection_select_event (selection (fixture), event (fixture, "e1"));
  g_assert_false (atlas_source_pane_offset_is_selected (fixture->pane, 0, 0));
}

static void
test_dataset_change (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (no_text_json, sizeof no_text_json - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) other = atlas_dataset_new_from_bytes (bytes, "no-text.json", &error);

  g_assert_no_error (error);
  atlas_selection_select_event (selection (fixture), event (fixture, "su-33-crash"));

  atlas_context_set_dataset (fixture->context, other);
  g_assert_false (atlas_source_pane_has_text (fixture->pane));
  g_assert_cmpuint (atlas_source_pane_get_n_sentences (fixture->pane), ==, 0);

  atlas_context_set_dataset (fixture->context, fixture->dataset);
  g_assert_true (atlas_source_pane_has_text (fixture->pane));
  g_assert_cmpuint (atlas_source_pane_get_n_sentences (fixture->pane), ==, 31);

  atlas_context_set_dataset (fixture->context, NULL);
  g_assert_false (atlas_source_pane_has_text (fixture->pane));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* scrolling to the selection lands at once rather than over a few frames */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, setup, func) \
  g_test_add (path, Fixture, NULL, setup, func, fixture_teardown)

  ADD ("/source-pane/verbatim", fixture_setup, test_verbatim);
  ADD ("/source-pane/marks", fixture_setup, test_marks);
  ADD ("/source-pane/select-nurse", fixture_setup, test_select_nurse);
  ADD ("/source-pane/select-scrolls", fixture_setup, test_select_scrolls);
  ADD ("/source-pane/click", fixture_setup, test_click);
  ADD ("/source-pane/count", fixture_setup, test_count);
  ADD ("/source-pane/quote-tooltip", fixture_setup, test_quote_tooltip);
  ADD ("/source-pane/no-text", fixture_setup_no_text, test_no_text);
  ADD ("/source-pane/dataset-change", fixture_setup, test_dataset_change);

#undef ADD

  return g_test_run ();
}
