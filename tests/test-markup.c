/* test-markup.c — dataset text is shown literally, and cannot reorder a label
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/data/hostile-names.json has titles and names like "<b>x</b> & y",
 * "<span foreground="red">Red</span>", "&amp; Co" and "Ali <U+202E>evil.exe".
 * The real window opens it; every place that shows them must show exactly
 * those characters (a label parsing markup would either fail on the bare "&",
 * which G_DEBUG=fatal-criticals and the fatal warnings of GTest turn into a
 * crash, or show "x & y" in bold), and every sentence that embeds one must
 * isolate it between U+2068 and U+2069.
 */

#include "config.h"

#include <adwaita.h>

#include "atlas-window-private.h"

#define FSI ATLAS_BIDI_FSI
#define PDI ATLAS_BIDI_PDI
#define RLO "\xE2\x80\xAE"

static void
settle (GtkWidget *widget)
{
  gtk_test_widget_wait_for_draw (widget);
  for (guint i = 0; i < 20 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
  gtk_test_widget_wait_for_draw (widget);
}

/* every GtkLabel under @widget (and in popovers attached to it) */
static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (labels, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, labels);
}

/* Asserts that some mapped label under @root shows exactly @text, and that no
 * label showing dataset text interprets markup. */
static void
assert_label_shows (GtkWidget  *root,
                    const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  gboolean found = FALSE;

  collect_labels (root, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (g_strcmp0 (gtk_label_get_label (label), text) != 0)
        continue;
      g_assert_false (gtk_label_get_use_markup (label));
      /* what is displayed: the text itself, not what markup would leave of it */
      g_assert_cmpstr (gtk_label_get_text (label), ==, text);
      if (gtk_widget_get_mapped (GTK_WIDGET (label)))
        found = TRUE;
    }

  if (!found)
    g_error ("no mapped label shows \"%s\"", text);
}

static AtlasWindow *
open_hostile (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "hostile-names.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AtlasWindow *window = atlas_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  atlas_window_open_file (window, file);
  gtk_window_present (GTK_WINDOW (window));
  while (atlas_window_is_loading (window))
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (atlas_window_get_error (window));
  settle (GTK_WIDGET (window));
  return window;
}

static void
close_window (AtlasWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static void
test_markup_literal (void)
{
  AtlasWindow *window = open_hostile ();
  AtlasContext *context = atlas_window_get_context (window);
  AtlasDataset *dataset = atlas_context_get_dataset (context);
  AtlasEvent *e1 = atlas_dataset_lookup_event (dataset, "e1");
  AtlasLocation *l1 = atlas_dataset_lookup_location (dataset, "l1");
  g_autofree char *tooltip = NULL;
  double x, y;

  /* the header bar and the window */
  g_assert_cmpstr (adw_window_title_get_title (window->window_title), ==,
                   "<b>Atlas</b> & <i>co</i>");
  assert_label_shows (GTK_WIDGET (window->window_title), "<b>Atlas</b> & <i>co</i>");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "<b>Atlas</b> & <i>co</i>");

  /* the actor sidebar's rows */
  assert_label_shows (GTK_WIDGET (window->sidebar), "<span foreground=\"red\">Red</span>");
  assert_label_shows (GTK_WIDGET (window->sidebar), "&amp; Co");
  assert_label_shows (GTK_WIDGET (window->sidebar), "Ali " RLO "evil.exe");

  /* select the event: the details */
  atlas_selection_select_event (atlas_context_get_selection (context), e1);
  settle (GTK_WIDGET (window));
  g_assert_cmpstr (atlas_event_details_get_title_text (window->details), ==, "<b>x</b> & y");
  g_assert_cmpstr (atlas_event_details_get_excerpt_text (window->details), ==,
                   "<i>Troops</i> & \"tanks\" entered <b>Aleppo</b>");
  assert_label_shows (GTK_WIDGET (window->details), "<b>x</b> & y");
  assert_label_shows (GTK_WIDGET (window->details),
                      "<i>Troops</i> & \"tanks\" entered <b>Aleppo</b>");
  assert_label_shows (GTK_WIDGET (window->details), "<b>Aleppo</b> & co");
  assert_label_shows (GTK_WIDGET (window->details), RLO "Homs");
  assert_label_shows (GTK_WIDGET (window->details), "Ali " RLO "evil.exe");

  /* the timeline's tooltip over the event */
  g_assert_true (atlas_timeline_get_event_position (window->timeline, e1, &x, &y));
  tooltip = atlas_timeline_dup_tooltip_at (window->timeline, x, y);
  g_assert_nonnull (tooltip);
  g_assert_true (g_str_has_prefix (tooltip, "<b>x</b> & y\n"));
  g_clear_pointer (&tooltip, g_free);

  /* the map marker's tooltip: the place's name on its own line */
  atlas_map_view_center_on (window->map_view, l1);
  settle (GTK_WIDGET (window));
  g_assert_true (atlas_map_view_get_location_position (window->map_view, l1, &x, &y));
  tooltip = atlas_map_view_dup_tooltip_at (window->map_view, x, y);
  g_assert_cmpstr (tooltip, ==, "<b>Aleppo</b> & co\n2 events");

  /* the marker's popover lists its two events by title */
  atlas_map_view_click_at (window->map_view, x, y);
  settle (GTK_WIDGET (window));
  {
    GtkWidget *popover = GTK_WIDGET (atlas_map_view_get_event_popover (window->map_view));

    g_assert_true (gtk_widget_get_visible (popover));
    settle (popover);
    assert_label_shows (popover, "<b>x</b> & y");
    assert_label_shows (popover, "&amp; second " RLO "event");
    assert_label_shows (popover, "<b>Aleppo</b> & co");
    gtk_popover_popdown (GTK_POPOVER (popover));
  }

  close_window (window);
}

/* Sentences that embed a name isolate it: FSI name PDI */
static void
test_markup_bidi (void)
{
  AtlasWindow *window = open_hostile ();
  AtlasContext *context = atlas_window_get_context (window);
  AtlasDataset *dataset = atlas_context_get_dataset (context);
  AtlasEvent *e2 = atlas_dataset_lookup_event (dataset, "e2");
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  gboolean found = FALSE;

  /* the header's subtitle joins the source's publisher and date */
  g_assert_cmpstr (adw_window_title_get_subtitle (window->window_title), ==,
                   FSI "&amp; Agency <x>" PDI " · " FSI "2016-12-05" PDI);

  /* "&amp; Co" belongs to "<span…>Red</span>": its role line says so */
  atlas_selection_select_event (atlas_context_get_selection (context), e2);
  settle (GTK_WIDGET (window));
  collect_labels (GTK_WIDGET (window->details), labels);
  for (guint i = 0; i < labels->len; i++)
    {
      const char *text = gtk_label_get_label (g_ptr_array_index (labels, i));

      if (g_str_has_suffix (text, " · " FSI "<span foreground=\"red\">Red</span>" PDI))
        found = TRUE;
    }
  g_assert_true (found);

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/markup/literal", test_markup_literal);
  g_test_add_func ("/markup/bidi", test_markup_bidi);

  return g_test_run ();
}
