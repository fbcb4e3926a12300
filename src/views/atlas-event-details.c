/* atlas-event-details.c — everything the dataset says about the selected event
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows one event of the selection: title, date as the dataset states it and on
 * what basis, summary, fatalities, places and actors with their roles, quotes, the
 * free properties of an imported file (key → value) and the source excerpt.
 * Dataset text is always set as plain text.
 *
 * Navigation: with several events selected, ‹ › walk the selection; with one, they
 * walk the visible events in time order (as do Alt+←/→ everywhere in the window,
 * the details.previous / details.next actions).
 */

#define G_LOG_DOMAIN "atlas-views"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "atlas-event-details.h"
#include "atlas-language.h"
#include "atlas-text.h"
#include "atlas-palette.h"
#include "atlas-view-context.h"

struct _AtlasEventDetails
{
  GtkWidget          parent_instance;

  /* template widgets */
  GtkStack          *stack;
  AdwStatusPage     *status_page;
  GtkButton         *prev_button;
  GtkLabel          *position_label;
  GtkButton         *next_button;
  GtkScrolledWindow *scrolled_window;
  GtkBox            *category_chip;
  GtkDrawingArea    *category_swatch;
  GtkLabel          *category_label;
  GtkLabel          *title_label;
  GtkLabel          *date_label;
  GtkLabel          *basis_label;
  GtkLabel          *summary_label;
  GtkWidget         *fatalities_section;
  GtkFlowBox        *fatalities_box;
  GtkWidget         *places_section;
  GtkListBox        *places_list;
  GtkWidget         *actors_section;
  GtkListBox        *actors_list;
  GtkWidget         *quotes_section;
  GtkBox            *quotes_box;
  GtkWidget         *properties_section;
  GtkGrid           *properties_grid;
  GtkWidget         *source_section;
  GtkWidget         *excerpt_block;
  GtkLabel          *excerpt_label;
  GtkLabel          *attribution_label;
  GtkLabel          *source_title_label;
  GtkLabel          *source_meta_label;
  GtkLinkButton     *source_link;

  /* owned references */
  AtlasContext      *context;
  AtlasEvent        *event;

  /* borrowed references */
  AtlasSelection    *selection;

  guint              position;         /* of event in the selection */
  char               language[8];
};

G_DEFINE_FINAL_TYPE (AtlasEventDetails, atlas_event_details, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* helpers */

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static char *
capitalize (const char *text)
{
  char first[8] = { 0, };

  if (text == NULL || *text == '\0')
    return g_strdup ("");

  g_unichar_to_utf8 (g_unichar_totitle (g_utf8_get_char (text)), first);
  return g_strconcat (first, g_utf8_next_char (text), NULL);
}

static void
set_optional_label (GtkLabel   *label,
                    const char *text)
{
  gboolean has_text = text != NULL && *text != '\0';

  gtk_label_set_text (label, has_text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), has_text);
}

static void
remove_all (GtkWidget *container)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (container)) != NULL)
    {
      if (GTK_IS_LIST_BOX (container))
        gtk_list_box_remove (GTK_LIST_BOX (container), child);
      else if (GTK_IS_FLOW_BOX (container))
        gtk_flow_box_remove (GTK_FLOW_BOX (container), child);
      else if (GTK_IS_GRID (container))
        gtk_grid_remove (GTK_GRID (container), child);
      else
        gtk_box_remove (GTK_BOX (container), child);
    }
}

static void
swatch_draw_cb (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  GdkRGBA *color = g_object_get_data (G_OBJECT (area), "atlas-color");

  if (color == NULL)
    return;

  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_fill (cr);
}

static void
set_swatch_color (GtkDrawingArea *swatch,
                  const GdkRGBA  *color)
{
  g_object_set_data_full (G_OBJECT (swatch), "atlas-color",
                          gdk_rgba_copy (color), (GDestroyNotify) gdk_rgba_free);
  gtk_drawing_area_set_draw_func (swatch, swatch_draw_cb, NULL, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (swatch));
}

static GtkWidget *
make_swatch (const GdkRGBA *color)
{
  GtkWidget *swatch = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 10);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 10);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  set_swatch_color (GTK_DRAWING_AREA (swatch), color);

  return swatch;
}

/* A boxed-list row: [prefix] title / subtitle [suffix icon]; all plain text */
static GtkWidget *
make_row (GtkWidget  *prefix,
          const char *title,
          const char *subtitle,
          const char *icon_name,
          const char *tooltip)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label;
  g_autofree char *a11y = NULL;

  gtk_widget_add_css_class (box, "detail-row");
  if (prefix != NULL)
    gtk_box_append (GTK_BOX (box), prefix);

  gtk_widget_set_hexpand (text_box, TRUE);
  gtk_widget_set_valign (text_box, GTK_ALIGN_CENTER);
  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (text_box), label);
  if (subtitle != NULL && *subtitle != '\0')
    {
      label = gtk_label_new (subtitle);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (text_box), label);
    }
  gtk_box_append (GTK_BOX (box), text_box);

  if (icon_name != NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

      gtk_widget_add_css_class (icon, "dim-label");
      gtk_box_append (GTK_BOX (box), icon);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, tooltip);

  if (subtitle != NULL && *subtitle != '\0')
    {
      g_autofree char *isolated = atlas_bidi_isolate (title);

      a11y = g_strdup_printf ("%s, %s", isolated, subtitle);
    }
  else
    a11y = g_strdup (title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, a11y,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip,
                                  -1);
  return row;
}

static GtkWidget *
make_block_quote (const char *text,
                  const char *speaker)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *label;

  gtk_widget_add_css_class (box, "block-quote");

  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 34);
  gtk_widget_add_css_class (label, "quote-text");
  gtk_box_append (GTK_BOX (box), label);

  if (speaker != NULL)
    {
      /* Translators: the speaker under a quote, "— Sergei Lavrov" */
      g_autofree char *isolated = atlas_bidi_isolate (speaker);
      g_autofree char *who = g_strdup_printf (_("— %s"), isolated);

      label = gtk_label_new (who);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }

  return box;
}

static GtkWidget *
make_fatality_card (const char *what,
                    gint64      count,
                    const char *qualifier)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label;
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, count);
  g_autofree char *phrase = NULL;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "fatality-card");

  label = gtk_label_new (qualifier != NULL ? qualifier : "");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_visible (label, qualifier != NULL);
  gtk_box_append (GTK_BOX (card), label);

  label = gtk_label_new (number);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "title-2");
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (card), label);

  label = gtk_label_new (what);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (card), label);

  /* Translators: "nearly" "320" "civilians" */
  phrase = qualifier != NULL
           ? g_strdup_printf (C_("fatalities", "%s %s %s"), qualifier, number, what)
           : g_strdup_printf (C_("fatalities", "%s %s"), number, what);
  gtk_widget_set_tooltip_text (card, phrase);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, phrase,
                                  -1);
  return card;
}

/* Position of @event_index among the visible events: sets *found, *pos (of it or
 * of the first visible after it) and whether visible events lie before / after. */
static void
visible_neighbours (AtlasEventDetails *self,
                    guint              event_index,
                    gboolean          *found,
                    guint             *pos,
                    gboolean          *has_prev,
                    gboolean          *has_next)
{
  const guint *visible;
  guint n = 0, lo = 0, hi;

  visible = atlas_context_get_visible (self->context, &n);
  hi = n;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (visible[mid] < event_index)
        lo = mid + 1;
      else
        hi = mid;
    }

  *pos = lo;
  *found = lo < n && visible[lo] == event_index;
  *has_prev = lo > 0;
  *has_next = *found ? lo + 1 < n : lo < n;
}

static void
update_navigation (AtlasEventDetails *self)
{
  guint n_selected = 0;
  gboolean prev_ok = FALSE, next_ok = FALSE;
  gboolean walk_prev = FALSE, walk_next = FALSE;
  g_autofree char *text = NULL;
  AtlasEvent *first = NULL;

  if (self->context != NULL && atlas_context_get_dataset (self->context) != NULL)
    {
      gboolean found;
      guint pos;

      n_selected = atlas_selection_get_n_events (self->selection);
      first = atlas_selection_get_first (self->selection);

      if (first != NULL)
        visible_neighbours (self, atlas_event_get_index (first), &found, &pos, &walk_prev, &walk_next);
      else
        walk_prev = walk_next = atlas_context_get_n_visible (self->context) > 0;

      if (n_selected > 1)
        {
          prev_ok = self->position > 0;
          next_ok = self->position + 1 < n_selected;
          /* Translators: "2 of 5 selected" */
          text = g_strdup_printf (_("%u of %u selected"), self->position + 1, n_selected);
        }
      else if (self->event != NULL)
        {
          guint n_visible = atlas_context_get_n_visible (self->context);

          visible_neighbours (self, atlas_event_get_index (self->event),
                              &found, &pos, &prev_ok, &next_ok);
          if (found)
            /* Translators: position of the event among the events shown, "Event 3 of 12" */
            text = g_strdup_printf (_("Event %u of %u"), pos + 1, n_visible);
          else
            text = g_strdup (_("Not among the events shown"));
        }
    }

  gtk_label_set_text (self->position_label, text != NULL ? text : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->prev_button), prev_ok);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), next_ok);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->prev_button),
                               n_selected > 1 ? _("Previous selected event") : _("Previous event (Alt+←)"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->next_button),
                               n_selected > 1 ? _("Next selected event") : _("Next event (Alt+→)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->prev_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  n_selected > 1 ? _("Previous selected event") : _("Previous event"),
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->next_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  n_selected > 1 ? _("Next selected event") : _("Next event"),
                                  -1);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.previous", walk_prev);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.next", walk_next);
}

static void
show_header (AtlasEventDetails *self,
             AtlasEvent        *event,
             gboolean           dark)
{
  const char *category = atlas_event_get_category (event);
  const char *date_text = atlas_event_get_date_text (event);
  gboolean undated = atlas_event_is_undated (event);
  /* Translators: the date line of an event the dataset gives no time for */
  g_autofree char *date = undated ? g_strdup (_("Undated")) : atlas_event_format_date (event);
  g_autofree char *basis = capitalize (atlas_basis_get_label (atlas_event_get_basis (event)));
  g_autofree char *basis_line = NULL;

  if (category != NULL && *category != '\0')
    {
      const char *label = atlas_palette_category_label (category);
      g_autofree char *shown = label != NULL ? g_strdup (label) : capitalize (category);
      GdkRGBA color;

      atlas_palette_category_color (category, dark, &color);
      set_swatch_color (self->category_swatch, &color);
      gtk_label_set_text (self->category_label, shown);
      gtk_widget_set_visible (GTK_WIDGET (self->category_chip), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->category_chip), FALSE);

  gtk_label_set_text (self->title_label, atlas_event_get_title (event));
  gtk_label_set_text (self->date_label, date);

  if (date_text != NULL && *date_text != '\0')
    {
      g_autofree char *isolated = atlas_bidi_isolate (date_text);

      /* Translators: the basis of a date and the source's own words: "Relative to the dateline · “on Monday”" */
      basis_line = g_strdup_printf (_("%s · “%s”"), basis, isolated);
    }
  else
    basis_line = g_strdup (basis);
  gtk_label_set_text (self->basis_label, basis_line);
  /* no time, so no basis for one */
  gtk_widget_set_visible (GTK_WIDGET (self->basis_label), !undated);

  set_optional_label (self->summary_label, atlas_event_get_summary (event));
}

static void
show_fatalities (AtlasEventDetails *self,
                 AtlasEvent        *event)
{
  guint n = atlas_event_get_n_fatalities (event);

  remove_all (GTK_WIDGET (self->fatalities_box));
  for (guint i = 0; i < n; i++)
    {
      const char *qualifier = NULL;
      gint64 count = 0;
      const char *what = atlas_event_get_fatality (event, i, &count, &qualifier);
      GtkWidget *card = make_fatality_card (what, count, qualifier);

      gtk_flow_box_append (self->fatalities_box, card);
      gtk_widget_set_focusable (gtk_widget_get_parent (card), FALSE);
    }
  gtk_widget_set_visible (self->fatalities_section, n > 0);
}

static void
show_places (AtlasEventDetails *self,
             AtlasEvent        *event)
{
  guint n = atlas_event_get_n_places (event);

  remove_all (GTK_WIDGET (self->places_list));
  for (guint i = 0; i < n; i++)
    {
      AtlasPlaceRole role = ATLAS_PLACE_ROLE_OCCURRED;
      AtlasLocation *location = atlas_event_get_place (event, i, &role);
      AtlasLocation *parent = atlas_location_get_parent (location);
      g_autofree char *role_text = capitalize (atlas_place_role_get_label (role));
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (parent != NULL)
        {
          g_autofree char *isolated =
            atlas_bidi_isolate (atlas_location_get_name_for (parent, self->language));

          /* Translators: role of a place and the place it lies in: "Where it happened · Aleppo" */
          subtitle = g_strdup_printf (_("%s · %s"), role_text, isolated);
        }
      else
        subtitle = g_strdup (role_text);

      row = make_row (NULL, atlas_location_get_name_for (location, self->language), subtitle,
                      "find-location-symbolic", _("Show on the map"));
      g_object_set_data_full (G_OBJECT (row), "atlas-location",
                              g_object_ref (location), g_object_unref);
      gtk_list_box_append (self->places_list, row);
    }
  gtk_widget_set_visible (self->places_section, n > 0);
}

static void
show_actors (AtlasEventDetails *self,
             AtlasEvent        *event,
             gboolean           dark)
{
  guint n = atlas_event_get_n_participants (event);

  remove_all (GTK_WIDGET (self->actors_list));
  for (guint i = 0; i < n; i++)
    {
      AtlasParticipantRole role = ATLAS_PARTICIPANT_ROLE_MENTIONED;
      AtlasActor *actor = atlas_event_get_participant (event, i, &role);
      AtlasActor *affiliation = atlas_actor_get_affiliation (actor);
      const char *name = atlas_actor_get_name_for (actor, self->language);
      g_autofree char *role_text = capitalize (atlas_participant_role_get_label (role));
      g_autofree char *subtitle = NULL;
      g_autofree char *tooltip = NULL;
      GdkRGBA color;
      GtkWidget *row;

      g_autofree char *isolated = atlas_bidi_isolate (name);

      if (affiliation != NULL)
        {
          g_autofree char *isolated_affiliation =
            atlas_bidi_isolate (atlas_actor_get_name_for (affiliation, self->language));

          /* Translators: role of an actor and whom they belong to: "Speaker · Russia" */
          subtitle = g_strdup_printf (_("%s · %s"), role_text, isolated_affiliation);
        }
      else
        subtitle = g_strdup (role_text);

      /* Translators: tooltip of an actor in the event details */
      tooltip = g_strdup_printf (_("Show only events with %s"), isolated);
      atlas_palette_index_color (atlas_actor_get_index (actor), dark, &color);
      row = make_row (make_swatch (&color), name, subtitle, "edit-find-symbolic", tooltip);
      g_object_set_data_full (G_OBJECT (row), "atlas-actor", g_object_ref (actor), g_object_unref);
      gtk_list_box_append (self->actors_list, row);
    }
  gtk_widget_set_visible (self->actors_section, n > 0);
}

static void
show_quotes (AtlasEventDetails *self,
             AtlasEvent        *event)
{
  guint n = atlas_event_get_n_quotes (event);

  remove_all (GTK_WIDGET (self->quotes_box));
  for (guint i = 0; i < n; i++)
    {
      AtlasActor *speaker = NULL;
      const char *text = atlas_event_get_quote (event, i, &speaker);

      gtk_box_append (self->quotes_box,
                      make_block_quote (text,
                                        speaker != NULL
                                        ? atlas_actor_get_name_for (speaker, self->language)
                                        : NULL));
    }
  gtk_widget_set_visible (self->quotes_section, n > 0);
}

/* key → value, both data: plain text, the key dim, the value selectable and wrapping */
static void
show_properties (AtlasEventDetails *self,
                 AtlasEvent        *event)
{
  guint n = atlas_event_get_n_properties (event);

  remove_all (GTK_WIDGET (self->properties_grid));
  for (guint i = 0; i < n; i++)
    {
      const char *key = NULL;
      const char *value = atlas_event_get_property (event, i, &key);
      GtkWidget *key_label = gtk_label_new (key);
      GtkWidget *value_label = gtk_label_new (value);

      gtk_label_set_xalign (GTK_LABEL (key_label), 0);
      gtk_label_set_yalign (GTK_LABEL (key_label), 0);
      gtk_label_set_wrap (GTK_LABEL (key_label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (key_label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (key_label), 14);
      gtk_widget_set_valign (key_label, GTK_ALIGN_BASELINE);
      gtk_widget_add_css_class (key_label, "dim-label");
      gtk_widget_add_css_class (key_label, "property-key");

      gtk_label_set_xalign (GTK_LABEL (value_label), 0);
      gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (value_label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (value_label), 24);
      gtk_widget_set_hexpand (value_label, TRUE);
      gtk_widget_set_valign (value_label, GTK_ALIGN_BASELINE);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (value_label),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, key_label, NULL,
                                      -1);

      gtk_grid_attach (self->properties_grid, key_label, 0, i, 1, 1);
      gtk_grid_attach (self->properties_grid, value_label, 1, i, 1, 1);
    }
  gtk_widget_set_visible (self->properties_section, n > 0);
}

static void
show_source (AtlasEventDetails *self,
             AtlasEvent        *event)
{
  AtlasSource *source = atlas_event_get_source (event);
  const char *excerpt = atlas_event_get_excerpt (event);
  AtlasActor *attributed_to = atlas_event_get_attributed_to (event);
  g_autoptr(GPtrArray) meta = g_ptr_array_new ();
  g_autofree char *meta_text = NULL;
  const char *url = NULL;

  gtk_label_set_text (self->excerpt_label, excerpt != NULL ? excerpt : "");
  gtk_widget_set_visible (self->excerpt_block, excerpt != NULL && *excerpt != '\0');

  if (attributed_to != NULL)
    {
      g_autofree char *isolated =
        atlas_bidi_isolate (atlas_actor_get_name_for (attributed_to, self->language));
      /* Translators: who the source attributes the event to */
      g_autofree char *text = g_strdup_printf (_("According to %s"), isolated);
      set_optional_label (self->attribution_label, text);
    }
  else
    set_optional_label (self->attribution_label, NULL);

  if (source != NULL)
    {
      const char *items[] = {
        atlas_source_get_publisher (source),
        atlas_source_get_dateline (source),
        atlas_source_get_published (source),
      };

      for (guint i = 0; i < G_N_ELEMENTS (items); i++)
        if (items[i] != NULL && *items[i] != '\0')
          g_ptr_array_add (meta, (gpointer) items[i]);
      g_ptr_array_add (meta, NULL);
      meta_text = g_strjoinv (" · ", (char **) meta->pdata);

      set_optional_label (self->source_title_label, atlas_source_get_title (source));
      url = atlas_source_get_url (source);
    }
  else
    set_optional_label (self->source_title_label, NULL);

  set_optional_label (self->source_meta_label, meta_text);

  if (url != NULL && *url != '\0')
    {
      gtk_link_button_set_uri (self->source_link, url);
      gtk_link_button_set_visited (self->source_link, FALSE);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->source_link), url != NULL && *url != '\0');

  gtk_widget_set_visible (self->source_section,
                          source != NULL || (excerpt != NULL && *excerpt != '\0') ||
                          attributed_to != NULL);
}

static void
show_event (AtlasEventDetails *self)
{
  AtlasEvent *event = self->event;
  gboolean dark = is_dark ();

  if (event == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->excerpt_label, "");
      update_navigation (self);
      return;
    }

  show_header (self, event, dark);
  show_fatalities (self, event);
  show_places (self, event);
  show_actors (self, event, dark);
  show_quotes (self, event);
  show_properties (self, event);
  show_source (self, event);

  gtk_stack_set_visible_child_name (self->stack, "event");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
  update_navigation (self);
}

static void
sync_from_selection (AtlasEventDetails *self)
{
  AtlasEvent *event = NULL;
  guint n = 0;

  if (self->selection != NULL)
    n = atlas_selection_get_n_events (self->selection);

  if (self->position >= n)
    self->position = 0;
  if (n > 0)
    event = atlas_selection_get_event (self->selection, self->position);

  if (g_set_object (&self->event, event))
    show_event (self);
  else
    update_navigation (self);
}

/* callbacks */

static void
selection_changed_cb (AtlasEventDetails *self)
{
  self->position = 0;
  sync_from_selection (self);
}

static void
visible_changed_cb (AtlasEventDetails *self)
{
  update_navigation (self);
}

static void
dark_changed_cb (AtlasEventDetails *self)
{
  if (self->event != NULL)
    show_event (self);
}

static void
prev_clicked_cb (AtlasEventDetails *self)
{
  if (self->selection != NULL && atlas_selection_get_n_events (self->selection) > 1)
    {
      if (self->position > 0)
        {
          self->position--;
          sync_from_selection (self);
        }
    }
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "details.previous", NULL);
}

static void
next_clicked_cb (AtlasEventDetails *self)
{
  if (self->selection != NULL && atlas_selection_get_n_events (self->selection) > 1)
    {
      if (self->position + 1 < atlas_selection_get_n_events (self->selection))
        {
          self->position++;
          sync_from_selection (self);
        }
    }
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "details.next", NULL);
}

static void
place_activated_cb (AtlasEventDetails *self,
                    GtkListBoxRow     *row)
{
  AtlasLocation *location = g_object_get_data (G_OBJECT (row), "atlas-location");

  if (location != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.center-on-location", "s",
                                atlas_location_get_id (location));
}

static void
actor_activated_cb (AtlasEventDetails *self,
                    GtkListBoxRow     *row)
{
  AtlasActor *actor = g_object_get_data (G_OBJECT (row), "atlas-actor");

  if (actor != NULL && self->context != NULL)
    atlas_filter_set_only_actor (atlas_context_get_filter (self->context), actor);
}

static void
walk_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AtlasEventDetails *self = ATLAS_EVENT_DETAILS (widget);

  if (self->context == NULL)
    return;

  if (g_str_equal (action_name, "details.next"))
    atlas_context_select_next (self->context);
  else
    atlas_context_select_previous (self->context);
}

/* overrides */

static void
atlas_event_details_dispose (GObject *object)
{
  AtlasEventDetails *self = ATLAS_EVENT_DETAILS (object);

  atlas_event_details_set_context (self, NULL);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_EVENT_DETAILS);
  g_clear_object (&self->event);

  G_OBJECT_CLASS (atlas_event_details_parent_class)->dispose (object);
}

static void
atlas_event_details_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AtlasEventDetails *self = ATLAS_EVENT_DETAILS (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_event_details_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AtlasEventDetails *self = ATLAS_EVENT_DETAILS (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      atlas_event_details_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_event_details_class_init (AtlasEventDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_event_details_dispose;
  object_class->get_property = atlas_event_details_get_property;
  object_class->set_property = atlas_event_details_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         ATLAS_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AtlasEventDetails|details.previous:
   *
   * Selects the visible event before the first selected one, in time order.
   */
  gtk_widget_class_install_action (widget_class, "details.previous", NULL, walk_action_cb);
  /**
   * AtlasEventDetails|details.next:
   *
   * Selects the visible event after the first selected one, in time order.
   */
  gtk_widget_class_install_action (widget_class, "details.next", NULL, walk_action_cb);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eventatlas/EventAtlas/atlas-event-details.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasEventDetails, stack);
  gtk_widget_class_bind_template_child (widget_class, AtlasEventDetails, status_page);
  gtk_widget_class_bind_template_child (widget_class, AtlasEventDetails, prev_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasEventDetails, position_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasEventDetails, next_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasEventDetails, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, AtlasEventDetails, category_chip);
  gtk_widget_class_bind_template_child (widget_class, AtlasEventDetails, category_swatch);
  gtk_widget_class_bind_template_child (widget_class, AtlasEventDetails, category_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasEventDetails, title_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasEventDetails, date_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasEventDetails, basis_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasEventDetails, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasEventDetails, fatalities_section);
  gtk_widget_class_bind_template_child (widget_class, AtlasEventDetails, fatalities_box);
  gtk_widget_class_bind_template_child (widget_class, AtlasEventDetails, places_section);
  gtk_widget_class_bind_template_child (widget_class, AtlasEventDetails, places_list);
  gtk_widget_class_bind_template_child (widget_class, AtlasEventDetails, actors_section);
  gtk_widget_class_bind_template_child (widget_class, AtlasEventDetails, actors_list);
  gtk_widget_class_bind_template_child (widget_class, AtlasEventDetails, quotes_section);
  gtk_widget_class_bind_template_child (widget_class, AtlasEventDetails, quotes_box);
  gtk_widget_class_bind_template_child (widget_class, AtlasEventDetails, properties_section);
  gtk_widget_class_bind_template_child (widget_class, AtlasEventDetails, properties_grid);
  gtk_widget_class_bind_template_child (widget_class, AtlasEventDetails, source_section);
  gtk_widget_class_bind_template_child (widget_class, AtlasEventDetails, excerpt_block);
  gtk_widget_class_bind_template_child (widget_class, AtlasEventDetails, excerpt_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasEventDetails, attribution_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasEventDetails, source_title_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasEventDetails, source_meta_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasEventDetails, source_link);
  gtk_widget_class_bind_template_callback (widget_class, prev_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, place_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, actor_activated_cb);

  gtk_widget_class_set_css_name (widget_class, "eventdetails");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
atlas_event_details_init (AtlasEventDetails *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_strlcpy (self->language, atlas_ui_language (), sizeof self->language);

  /* Alt+←/→ walk the events from anywhere in the window */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Left, GDK_ALT_MASK),
                                                          gtk_named_action_new ("details.previous")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Right, GDK_ALT_MASK),
                                                          gtk_named_action_new ("details.next")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_set_size_request (GTK_WIDGET (self), 320, -1);
  show_event (self);
}

/* public API */

GtkWidget *
atlas_event_details_new (void)
{
  return g_object_new (ATLAS_TYPE_EVENT_DETAILS, NULL);
}

AtlasContext *
atlas_event_details_get_context (AtlasEventDetails *self)
{
  g_return_val_if_fail (ATLAS_IS_EVENT_DETAILS (self), NULL);

  return self->context;
}

void
atlas_event_details_set_context (AtlasEventDetails *self,
                                 AtlasContext      *context)
{
  const AtlasViewHandler handlers[] = {
    { ATLAS_VIEW_ON_CONTEXT, "visible-changed", G_CALLBACK (visible_changed_cb) },
    { ATLAS_VIEW_ON_CONTEXT, "notify::dataset", G_CALLBACK (selection_changed_cb) },
    { ATLAS_VIEW_ON_SELECTION, "changed", G_CALLBACK (selection_changed_cb) },
  };

  g_return_if_fail (ATLAS_IS_EVENT_DETAILS (self));
  g_return_if_fail (context == NULL || ATLAS_IS_CONTEXT (context));

  if (!atlas_view_context_swap (self, &self->context, context, handlers,
                                G_N_ELEMENTS (handlers)))
    return;
  self->selection = context != NULL ? atlas_context_get_selection (context) : NULL;

  selection_changed_cb (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

AtlasEvent *
atlas_event_details_get_event (AtlasEventDetails *self)
{
  g_return_val_if_fail (ATLAS_IS_EVENT_DETAILS (self), NULL);

  return self->event;
}

const char *
atlas_event_details_get_title_text (AtlasEventDetails *self)
{
  g_return_val_if_fail (ATLAS_IS_EVENT_DETAILS (self), NULL);

  return gtk_label_get_text (self->title_label);
}

const char *
atlas_event_details_get_excerpt_text (AtlasEventDetails *self)
{
  g_return_val_if_fail (ATLAS_IS_EVENT_DETAILS (self), NULL);

  return gtk_label_get_text (self->excerpt_label);
}

const char *
atlas_event_details_get_date_text (AtlasEventDetails *self)
{
  g_return_val_if_fail (ATLAS_IS_EVENT_DETAILS (self), NULL);

  return gtk_label_get_text (self->date_label);
}

gboolean
atlas_event_details_get_basis_visible (AtlasEventDetails *self)
{
  g_return_val_if_fail (ATLAS_IS_EVENT_DETAILS (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->basis_label));
}

guint
atlas_event_details_get_n_property_rows (AtlasEventDetails *self)
{
  guint n = 0;

  g_return_val_if_fail (ATLAS_IS_EVENT_DETAILS (self), 0);

  if (!gtk_widget_get_visible (self->properties_section))
    return 0;
  while (gtk_grid_get_child_at (self->properties_grid, 0, n) != NULL)
    n++;
  return n;
}

const char *
atlas_event_details_get_property_row_text (AtlasEventDetails  *self,
                                           guint               i,
                                           const char        **key)
{
  GtkWidget *key_label, *value_label;

  g_return_val_if_fail (ATLAS_IS_EVENT_DETAILS (self), NULL);
  g_return_val_if_fail (i < atlas_event_details_get_n_property_rows (self), NULL);

  key_label = gtk_grid_get_child_at (self->properties_grid, 0, i);
  value_label = gtk_grid_get_child_at (self->properties_grid, 1, i);
  if (key != NULL)
    *key = gtk_label_get_text (GTK_LABEL (key_label));
  return gtk_label_get_text (GTK_LABEL (value_label));
}
