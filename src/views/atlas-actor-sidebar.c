/* atlas-actor-sidebar.c — the actors of the dataset: search, filter, highlight
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Without a search, top-level actors are grouped under a heading per kind and
 * each actor's members are nested under it (Lavrov under Russia).  A search
 * shows the matching actors as a flat list, each with its affiliation below
 * its name.  The rows are passive AtlasActorRows that this widget keeps in
 * sync with the context: checked from the filter, count from the visible
 * events, highlight from the selection.
 */

#define G_LOG_DOMAIN "atlas-views"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "atlas-actor-row.h"
#include "atlas-actor-sidebar.h"
#include "atlas-connections.h"
#include "atlas-language.h"
#include "atlas-view-context.h"

struct _AtlasActorSidebar
{
  GtkWidget          parent_instance;

  /* template widgets */
  GtkSearchEntry    *search_entry;
  GtkLabel          *summary_label;
  GtkButton         *clear_button;
  GtkStack          *stack;
  GtkScrolledWindow *scrolled_window;
  GtkListView       *list_view;
  GtkSwitch         *match_all_switch;
  GtkBox            *include_members_box;
  GtkSwitch         *include_members_switch;
  GtkWidget         *claimant_chip;
  GtkLabel          *claimant_label;
  GtkPopover        *actor_popover;    /* made in init, parented to the sidebar */

  /* owned references */
  AtlasContext      *context;
  AtlasDataset      *dataset;          /* the one the caches below were built for */
  GListStore        *store;            /* AtlasActor and GtkStringObject (headings) */
  GPtrArray         *folded;           /* per actor index: folded names, aliases, "\n" separated */
  GPtrArray         *sort_keys;        /* per actor index: collation key of the shown name */
  char              *needle;           /* folded search text, or NULL */
  GPtrArray         *rows;             /* AtlasActorRows made by the factory, until teardown */

  /* borrowed references */
  AtlasFilter       *filter;
  AtlasSelection    *selection;

  char               language[8];
};

G_DEFINE_FINAL_TYPE (AtlasActorSidebar, atlas_actor_sidebar, GTK_TYPE_WIDGET)

/* the AtlasActorRow a list item was set up with (borrowed: self->rows owns it) */
#define ROW_KEY "atlas-actor-row"

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Kinds in the order their headings appear */
static const AtlasActorKind kind_order[] = {
  ATLAS_ACTOR_KIND_STATE,
  ATLAS_ACTOR_KIND_GOVERNMENT,
  ATLAS_ACTOR_KIND_INTERNATIONAL_BODY,
  ATLAS_ACTOR_KIND_MILITARY_UNIT,
  ATLAS_ACTOR_KIND_ARMED_GROUP,
  ATLAS_ACTOR_KIND_ORGANISATION,
  ATLAS_ACTOR_KIND_PERSON,
  ATLAS_ACTOR_KIND_CIVILIANS,
  ATLAS_ACTOR_KIND_VESSEL,
  ATLAS_ACTOR_KIND_AIRCRAFT,
  ATLAS_ACTOR_KIND_OTHER,
};

/* helpers */

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static const char *
actor_display_name (AtlasActorSidebar *self,
                    AtlasActor        *actor)
{
  return atlas_actor_get_name_for (actor, self->language);
}

static void
append_folded (GString    *haystack,
               const char *text)
{
  g_autofree char *folded = NULL;

  if (text == NULL || *text == '\0')
    return;

  folded = atlas_event_fold_text (text);
  g_string_append (haystack, folded);
  g_string_append_c (haystack, '\n');
}

static void
rebuild_caches (AtlasActorSidebar *self)
{
  GListModel *actors;
  guint n;

  g_clear_pointer (&self->folded, g_ptr_array_unref);
  g_clear_pointer (&self->sort_keys, g_ptr_array_unref);

  if (self->dataset == NULL)
    return;

  actors = atlas_dataset_get_actors (self->dataset);
  n = g_list_model_get_n_items (actors);
  self->folded = g_ptr_array_new_full (n, g_free);
  self->sort_keys = g_ptr_array_new_full (n, g_free);

  for (guint i = 0; i < n; i++)
    {
      AtlasActor *actor = atlas_dataset_get_actor (self->dataset, i);
      g_autoptr(GString) haystack = g_string_new ("\n");
      const char * const *aliases = atlas_actor_get_aliases (actor);
      GHashTable *names = atlas_actor_get_names (actor);
      GHashTableIter iter;
      gpointer value;

      append_folded (haystack, atlas_actor_get_name (actor));
      for (guint j = 0; aliases != NULL && aliases[j] != NULL; j++)
        append_folded (haystack, aliases[j]);
      if (names != NULL)
        {
          g_hash_table_iter_init (&iter, names);
          while (g_hash_table_iter_next (&iter, NULL, &value))
            append_folded (haystack, value);
        }

      g_ptr_array_add (self->folded, g_string_free (g_steal_pointer (&haystack), FALSE));
      g_ptr_array_add (self->sort_keys,
                       g_utf8_collate_key (actor_display_name (self, actor), -1));
    }
}

static int
compare_actors (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  AtlasActorSidebar *self = user_data;
  AtlasActor *actor_a = *(AtlasActor **) a;
  AtlasActor *actor_b = *(AtlasActor **) b;
  int cmp;

  cmp = strcmp (g_ptr_array_index (self->sort_keys, atlas_actor_get_index (actor_a)),
                g_ptr_array_index (self->sort_keys, atlas_actor_get_index (actor_b)));
  if (cmp != 0)
    return cmp;

  return (int) atlas_actor_get_index (actor_a) - (int) atlas_actor_get_index (actor_b);
}

static guint
actor_depth (AtlasActor *actor)
{
  guint depth = 0;

  for (AtlasActor *a = atlas_actor_get_affiliation (actor); a != NULL; a = atlas_actor_get_affiliation (a))
    depth++;

  return depth;
}

static void
append_subtree (AtlasActorSidebar  *self,
                GPtrArray          *items,
                GPtrArray         **children,
                AtlasActor         *actor)
{
  GPtrArray *kids = children[atlas_actor_get_index (actor)];

  g_ptr_array_add (items, actor);
  if (kids == NULL)
    return;

  g_ptr_array_sort_with_data (kids, compare_actors, self);
  for (guint i = 0; i < kids->len; i++)
    append_subtree (self, items, children, g_ptr_array_index (kids, i));
}

static void
rebuild_store (AtlasActorSidebar *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();   /* borrowed */
  g_autoptr(GPtrArray) headings = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_actors = 0;

  if (self->dataset != NULL)
    n_actors = g_list_model_get_n_items (atlas_dataset_get_actors (self->dataset));

  if (self->dataset == NULL)
    {
      /* nothing */
    }
  else if (self->needle != NULL)
    {
      for (guint i = 0; i < n_actors; i++)
        if (strstr (g_ptr_array_index (self->folded, i), self->needle) != NULL)
          g_ptr_array_add (items, atlas_dataset_get_actor (self->dataset, i));

      g_ptr_array_sort_with_data (items, compare_actors, self);
    }
  else
    {
      g_autofree GPtrArray **children = g_new0 (GPtrArray *, MAX (n_actors, 1));
      GPtrArray *roots[G_N_ELEMENTS (kind_order)] = { NULL, };

      for (guint i = 0; i < n_actors; i++)
        {
          AtlasActor *actor = atlas_dataset_get_actor (self->dataset, i);
          AtlasActor *parent = atlas_actor_get_affiliation (actor);

          if (parent != NULL)
            {
              guint p = atlas_actor_get_index (parent);

              if (children[p] == NULL)
                children[p] = g_ptr_array_new ();
              g_ptr_array_add (children[p], actor);
            }
          else
            {
              AtlasActorKind kind = atlas_actor_get_kind (actor);
              guint k;

              for (k = 0; k < G_N_ELEMENTS (kind_order) - 1; k++)
                if (kind_order[k] == kind)
                  break;
              if (roots[k] == NULL)
                roots[k] = g_ptr_array_new ();
              g_ptr_array_add (roots[k], actor);
            }
        }

      for (guint k = 0; k < G_N_ELEMENTS (kind_order); k++)
        {
          GtkStringObject *heading;

          if (roots[k] == NULL)
            continue;

          heading = gtk_string_object_new (atlas_actor_kind_get_label (kind_order[k]));
          g_ptr_array_add (headings, heading);
          g_ptr_array_add (items, heading);

          g_ptr_array_sort_with_data (roots[k], compare_actors, self);
          for (guint i = 0; i < roots[k]->len; i++)
            append_subtree (self, items, children, g_ptr_array_index (roots[k], i));
          g_ptr_array_unref (roots[k]);
        }

      for (guint i = 0; i < n_actors; i++)
        g_clear_pointer (&children[i], g_ptr_array_unref);
    }

  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       items->pdata, items->len);

  gtk_stack_set_visible_child_name (self->stack,
                                    items->len == 0 && self->needle != NULL ? "empty" : "list");
}

static void
sync_row (AtlasActorSidebar *self,
          AtlasActorRow     *row,
          gboolean           dark)
{
  AtlasActor *actor = atlas_actor_row_get_actor (row);

  if (actor == NULL || self->context == NULL)
    return;

  atlas_actor_row_set_dark (row, dark);
  atlas_actor_row_set_checked (row, atlas_filter_get_actor_active (self->filter, actor));
  atlas_actor_row_set_count (row, atlas_context_count_visible_for_actor (self->context, actor));
  atlas_actor_row_set_highlighted (row, atlas_selection_involves_actor (self->selection, actor));
}

static void
sync_rows (AtlasActorSidebar *self)
{
  gboolean dark = is_dark ();

  for (guint i = 0; i < self->rows->len; i++)
    sync_row (self, g_ptr_array_index (self->rows, i), dark);
}

static void
sync_filter_widgets (AtlasActorSidebar *self)
{
  guint n_checked = 0;
  guint n_actors = 0;
  g_autofree char *summary = NULL;

  if (self->filter != NULL)
    {
      n_checked = atlas_filter_get_n_actors (self->filter);
      gtk_switch_set_active (self->match_all_switch, atlas_filter_get_match_all (self->filter));
      gtk_switch_set_active (self->include_members_switch,
                             atlas_filter_get_include_members (self->filter));
    }
  if (self->dataset != NULL)
    n_actors = g_list_model_get_n_items (atlas_dataset_get_actors (self->dataset));

  gtk_widget_set_sensitive (GTK_WIDGET (self->clear_button), n_checked > 0);

  {
    AtlasActor *claimant = self->filter != NULL ? atlas_filter_get_claimant (self->filter) : NULL;

    if (claimant != NULL)
      {
        g_autofree char *chip = NULL;

        /* Translators: the sidebar's chip while filtering by claimant; %s is an actor */
        chip = g_strdup_printf (_("Claimed by %s"), actor_display_name (self, claimant));
        gtk_label_set_text (self->claimant_label, chip);
      }
    gtk_widget_set_visible (self->claimant_chip, claimant != NULL);
  }

  if (n_checked > 0)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u actor checked", "%u actors checked", n_checked),
                               n_checked);
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u actor", "%u actors", n_actors),
                               n_actors);
  gtk_label_set_text (self->summary_label, summary);
}

static void
scroll_to_first_highlighted (AtlasActorSidebar *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  if (self->selection == NULL || atlas_selection_get_n_events (self->selection) == 0)
    return;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (ATLAS_IS_ACTOR (item) &&
          atlas_selection_involves_actor (self->selection, ATLAS_ACTOR (item)))
        {
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
          return;
        }
    }
}

static void
set_actor_checked (AtlasActorSidebar *self,
                   AtlasActor        *actor,
                   gboolean           checked)
{
  if (self->filter == NULL)
    return;

  if (atlas_filter_get_actor_active (self->filter, actor) != checked)
    atlas_filter_set_actor_active (self->filter, actor, checked);
}

static void
reload_dataset (AtlasActorSidebar *self)
{
  AtlasDataset *dataset = self->context ? atlas_context_get_dataset (self->context) : NULL;
  gboolean any_affiliation = FALSE;

  /* the menu points at actors of the old dataset */
  if (self->actor_popover != NULL)
    gtk_popover_popdown (self->actor_popover);

  g_set_object (&self->dataset, dataset);
  rebuild_caches (self);
  rebuild_store (self);

  if (dataset != NULL)
    {
      guint n = g_list_model_get_n_items (atlas_dataset_get_actors (dataset));

      for (guint i = 0; i < n && !any_affiliation; i++)
        any_affiliation = atlas_actor_get_affiliation (atlas_dataset_get_actor (dataset, i)) != NULL;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->include_members_box), any_affiliation);

  sync_filter_widgets (self);
  sync_rows (self);
}

/* callbacks */

static void
dataset_changed_cb (AtlasActorSidebar *self)
{
  if (atlas_context_get_dataset (self->context) != self->dataset)
    reload_dataset (self);
}

static void
visible_changed_cb (AtlasActorSidebar *self)
{
  /* the dataset may have been replaced before ::visible-changed */
  dataset_changed_cb (self);
  sync_rows (self);
}

static void
filter_changed_cb (AtlasActorSidebar *self)
{
  gboolean dark = is_dark ();

  sync_filter_widgets (self);

  /* the context recomputes the visible events on every filter change and its
   * ::visible-changed, which brings the counts, has come before this (the
   * context connected first): counting every row's events again here would
   * double the work of a filter change on a big dataset */
  for (guint i = 0; i < self->rows->len; i++)
    {
      AtlasActorRow *row = g_ptr_array_index (self->rows, i);
      AtlasActor *actor = atlas_actor_row_get_actor (row);

      if (actor == NULL || self->context == NULL)
        continue;
      atlas_actor_row_set_dark (row, dark);
      atlas_actor_row_set_checked (row, atlas_filter_get_actor_active (self->filter, actor));
    }
}

static void
selection_changed_cb (AtlasActorSidebar *self)
{
  sync_rows (self);
  scroll_to_first_highlighted (self);
}

static void
dark_changed_cb (AtlasActorSidebar *self)
{
  sync_rows (self);
}

static void
search_changed_cb (AtlasActorSidebar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *folded = NULL;

  if (text != NULL)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (text));

      if (*stripped != '\0')
        folded = atlas_event_fold_text (stripped);
    }

  if (g_strcmp0 (folded, self->needle) == 0)
    return;

  g_free (self->needle);
  self->needle = g_steal_pointer (&folded);
  rebuild_store (self);
  sync_rows (self);
}

static void
stop_search_cb (AtlasActorSidebar *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
clear_clicked_cb (AtlasActorSidebar *self)
{
  g_autoptr(GPtrArray) actors = NULL;

  if (self->filter == NULL)
    return;

  actors = atlas_filter_dup_actors (self->filter);
  for (guint i = 0; i < actors->len; i++)
    atlas_filter_set_actor_active (self->filter, g_ptr_array_index (actors, i), FALSE);
}

static void
match_all_notify_cb (AtlasActorSidebar *self)
{
  gboolean active = gtk_switch_get_active (self->match_all_switch);

  if (self->filter != NULL && atlas_filter_get_match_all (self->filter) != active)
    atlas_filter_set_match_all (self->filter, active);
}

static void
include_members_notify_cb (AtlasActorSidebar *self)
{
  gboolean active = gtk_switch_get_active (self->include_members_switch);

  if (self->filter != NULL && atlas_filter_get_include_members (self->filter) != active)
    atlas_filter_set_include_members (self->filter, active);
}

static void
claimant_clear_cb (AtlasActorSidebar *self)
{
  if (self->filter != NULL)
    atlas_filter_set_claimant (self->filter, NULL);
}

static void
claims_clicked_cb (GtkButton         *button,
                   AtlasActorSidebar *self)
{
  AtlasActor *actor = g_object_get_data (G_OBJECT (button), "atlas-actor");

  gtk_popover_popdown (self->actor_popover);
  if (self->filter == NULL || actor == NULL)
    return;

  atlas_filter_set_claimant (self->filter,
                             atlas_filter_get_claimant (self->filter) == actor ? NULL : actor);
}

static void
connection_activated_cb (GtkListBox        *box,
                         GtkListBoxRow     *row,
                         AtlasActorSidebar *self)
{
  AtlasActor *actor = g_object_get_data (G_OBJECT (row), "atlas-actor");

  gtk_popover_popdown (self->actor_popover);
  if (self->filter != NULL && actor != NULL)
    atlas_filter_set_only_actor (self->filter, actor);
}

static GtkWidget *
make_connection_row (AtlasActorSidebar *self,
                     AtlasConnection   *connection)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (actor_display_name (self, connection->actor));
  g_autofree char *count_text = g_strdup_printf ("%u", connection->count);
  GtkWidget *count = gtk_label_new (count_text);
  g_autofree char *tooltip = NULL;

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), count);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u shared event; click to show only this actor’s events",
                                          "%u shared events; click to show only this actor’s events",
                                          connection->count),
                             connection->count);
  gtk_widget_set_tooltip_text (row, tooltip);
  g_object_set_data (G_OBJECT (row), "atlas-actor", connection->actor);

  return row;
}

/* The menu of @actor: only its claims, and the actors it shares events with */
static void
show_actor_menu (AtlasActorSidebar *self,
                 AtlasActor        *actor,
                 GtkWidget         *anchor)
{
  g_autoptr(GArray) connections = NULL;
  GtkWidget *box, *title, *claims, *heading;
  graphene_rect_t bounds;
  gboolean claiming;

  if (self->dataset == NULL || self->filter == NULL)
    return;

  connections = atlas_dataset_get_connections (self->dataset, actor);
  claiming = atlas_filter_get_claimant (self->filter) == actor;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_size_request (box, 240, -1);

  title = gtk_label_new (actor_display_name (self, actor));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (box), title);

  claims = gtk_button_new_with_mnemonic (claiming ? _("Show _Every Claim")
                                                  : _("Only _Claims by This Actor"));
  gtk_widget_set_tooltip_text (claims, _("Events the source attributes to this actor, and "
                                         "those where it speaks"));
  g_object_set_data (G_OBJECT (claims), "atlas-actor", actor);
  g_signal_connect (claims, "clicked", G_CALLBACK (claims_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), claims);

  heading = gtk_label_new (_("Connections"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_set_margin_top (heading, 6);
  gtk_widget_add_css_class (heading, "caption-heading");
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_box_append (GTK_BOX (box), heading);

  if (connections->len == 0)
    {
      GtkWidget *none = gtk_label_new (_("Shares no event with another actor"));

      gtk_label_set_xalign (GTK_LABEL (none), 0);
      gtk_label_set_wrap (GTK_LABEL (none), TRUE);
      gtk_widget_add_css_class (none, "dim-label");
      gtk_box_append (GTK_BOX (box), none);
    }
  else
    {
      GtkWidget *scroller = gtk_scrolled_window_new ();
      GtkWidget *list = gtk_list_box_new ();

      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (list), TRUE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_widget_add_css_class (list, "connections-list");
      gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Connections"),
                                      -1);
      for (guint i = 0; i < connections->len; i++)
        gtk_list_box_append (GTK_LIST_BOX (list),
                             make_connection_row (self, &g_array_index (connections,
                                                                        AtlasConnection, i)));
      g_signal_connect (list, "row-activated", G_CALLBACK (connection_activated_cb), self);

      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                      GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
      gtk_box_append (GTK_BOX (box), scroller);
    }

  gtk_popover_set_child (self->actor_popover, box);

  if (anchor != NULL && gtk_widget_compute_bounds (anchor, GTK_WIDGET (self), &bounds))
    gtk_popover_set_pointing_to (self->actor_popover,
                                 &(GdkRectangle) { (int) bounds.origin.x, (int) bounds.origin.y,
                                                   (int) bounds.size.width,
                                                   (int) bounds.size.height });
  else
    gtk_popover_set_pointing_to (self->actor_popover, NULL);

  gtk_popover_popup (self->actor_popover);
}

static void
row_menu_cb (AtlasActorRow     *row,
             AtlasActorSidebar *self)
{
  AtlasActor *actor = atlas_actor_row_get_actor (row);

  if (actor != NULL)
    show_actor_menu (self, actor, GTK_WIDGET (row));
}

static void
row_toggled_cb (AtlasActorRow     *row,
                gboolean           active,
                AtlasActorSidebar *self)
{
  AtlasActor *actor = atlas_actor_row_get_actor (row);

  if (actor != NULL)
    set_actor_checked (self, actor, active);
}

static void
row_only_cb (AtlasActorRow     *row,
             AtlasActorSidebar *self)
{
  AtlasActor *actor = atlas_actor_row_get_actor (row);

  if (actor != NULL)
    atlas_actor_sidebar_show_only_actor (self, actor);
}

static void
list_activate_cb (AtlasActorSidebar *self,
                  guint              position)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->store), position);

  if (ATLAS_IS_ACTOR (item))
    atlas_actor_sidebar_toggle_actor (self, ATLAS_ACTOR (item));
}

static void
factory_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  AtlasActorSidebar        *self)
{
  GtkWidget *row = atlas_actor_row_new ();

  g_signal_connect (row, "toggled", G_CALLBACK (row_toggled_cb), self);
  g_signal_connect (row, "only", G_CALLBACK (row_only_cb), self);
  g_signal_connect (row, "menu", G_CALLBACK (row_menu_cb), self);
  g_ptr_array_add (self->rows, g_object_ref (row));
  /* GTK 4.8 has already unset the child when it emits ::teardown: remember the
   * row on the item, or the reference above would be kept forever */
  g_object_set_data (G_OBJECT (list_item), ROW_KEY, row);
  gtk_list_item_set_child (list_item, row);
}

static void
factory_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 AtlasActorSidebar        *self)
{
  AtlasActorRow *row = ATLAS_ACTOR_ROW (gtk_list_item_get_child (list_item));
  GObject *item = gtk_list_item_get_item (list_item);

  if (GTK_IS_STRING_OBJECT (item))
    {
      atlas_actor_row_set_heading (row, gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
      gtk_list_item_set_activatable (list_item, FALSE);
      gtk_list_item_set_selectable (list_item, FALSE);
      return;
    }

  g_assert (ATLAS_IS_ACTOR (item));

  {
    AtlasActor *actor = ATLAS_ACTOR (item);
    AtlasActor *parent = atlas_actor_get_affiliation (actor);

    if (self->needle != NULL)
      atlas_actor_row_set_actor (row, actor, self->language, 0,
                                 parent != NULL ? actor_display_name (self, parent) : NULL);
    else
      atlas_actor_row_set_actor (row, actor, self->language, actor_depth (actor), NULL);
  }

  gtk_list_item_set_activatable (list_item, TRUE);
  gtk_list_item_set_selectable (list_item, FALSE);
  sync_row (self, row, is_dark ());
}

static void
factory_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   AtlasActorSidebar        *self)
{
  AtlasActorRow *row = ATLAS_ACTOR_ROW (gtk_list_item_get_child (list_item));

  /* forget the actor so that lookups by actor only find bound rows */
  atlas_actor_row_set_heading (row, NULL);
}

static void
factory_teardown_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     AtlasActorSidebar        *self)
{
  GtkWidget *row = g_object_steal_data (G_OBJECT (list_item), ROW_KEY);

  if (row != NULL)
    {
      g_signal_handlers_disconnect_by_data (row, self);
      g_ptr_array_remove_fast (self->rows, row);   /* drops the last reference */
    }
}

/* overrides */

static void
atlas_actor_sidebar_dispose (GObject *object)
{
  AtlasActorSidebar *self = ATLAS_ACTOR_SIDEBAR (object);
  GtkWidget *child;

  atlas_view_context_swap (self, &self->context, NULL, NULL, 0);
  self->filter = NULL;
  self->selection = NULL;
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);

  for (guint i = 0; i < self->rows->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->rows, i), self);
  g_ptr_array_set_size (self->rows, 0);

  if (self->actor_popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->actor_popover));
      self->actor_popover = NULL;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_ACTOR_SIDEBAR);
  /* the template's unnamed children (boxes, separator) */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->store);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (atlas_actor_sidebar_parent_class)->dispose (object);
}

static void
atlas_actor_sidebar_finalize (GObject *object)
{
  AtlasActorSidebar *self = ATLAS_ACTOR_SIDEBAR (object);

  g_clear_pointer (&self->folded, g_ptr_array_unref);
  g_clear_pointer (&self->sort_keys, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->needle, g_free);

  G_OBJECT_CLASS (atlas_actor_sidebar_parent_class)->finalize (object);
}

static void
atlas_actor_sidebar_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AtlasActorSidebar *self = ATLAS_ACTOR_SIDEBAR (object);

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
atlas_actor_sidebar_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AtlasActorSidebar *self = ATLAS_ACTOR_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      atlas_actor_sidebar_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_actor_sidebar_class_init (AtlasActorSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_actor_sidebar_dispose;
  object_class->finalize = atlas_actor_sidebar_finalize;
  object_class->get_property = atlas_actor_sidebar_get_property;
  object_class->set_property = atlas_actor_sidebar_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         ATLAS_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ATLAS_TYPE_ACTOR_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eventatlas/EventAtlas/atlas-actor-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasActorSidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AtlasActorSidebar, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasActorSidebar, clear_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasActorSidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, AtlasActorSidebar, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, AtlasActorSidebar, list_view);
  gtk_widget_class_bind_template_child (widget_class, AtlasActorSidebar, match_all_switch);
  gtk_widget_class_bind_template_child (widget_class, AtlasActorSidebar, include_members_box);
  gtk_widget_class_bind_template_child (widget_class, AtlasActorSidebar, include_members_switch);
  gtk_widget_class_bind_template_child (widget_class, AtlasActorSidebar, claimant_chip);
  gtk_widget_class_bind_template_child (widget_class, AtlasActorSidebar, claimant_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, match_all_notify_cb);
  gtk_widget_class_bind_template_callback (widget_class, include_members_notify_cb);
  gtk_widget_class_bind_template_callback (widget_class, claimant_clear_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, factory_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, factory_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, factory_unbind_cb);
  gtk_widget_class_bind_template_callback (widget_class, factory_teardown_cb);

  gtk_widget_class_set_css_name (widget_class, "actorsidebar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
atlas_actor_sidebar_init (AtlasActorSidebar *self)
{
  g_autoptr(GtkNoSelection) model = NULL;

  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->store = g_list_store_new (G_TYPE_OBJECT);

  gtk_widget_init_template (GTK_WIDGET (self));

  g_strlcpy (self->language, atlas_ui_language (), sizeof self->language);

  self->actor_popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_position (self->actor_popover, GTK_POS_RIGHT);
  gtk_widget_set_parent (GTK_WIDGET (self->actor_popover), GTK_WIDGET (self));

  model = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->store)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (model));

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);

  sync_filter_widgets (self);
}

/* public API */

GtkWidget *
atlas_actor_sidebar_new (void)
{
  return g_object_new (ATLAS_TYPE_ACTOR_SIDEBAR, NULL);
}

AtlasContext *
atlas_actor_sidebar_get_context (AtlasActorSidebar *self)
{
  g_return_val_if_fail (ATLAS_IS_ACTOR_SIDEBAR (self), NULL);

  return self->context;
}

void
atlas_actor_sidebar_set_context (AtlasActorSidebar *self,
                                 AtlasContext      *context)
{
  const AtlasViewHandler handlers[] = {
    { ATLAS_VIEW_ON_CONTEXT, "notify::dataset", G_CALLBACK (dataset_changed_cb) },
    { ATLAS_VIEW_ON_CONTEXT, "visible-changed", G_CALLBACK (visible_changed_cb) },
    { ATLAS_VIEW_ON_FILTER, "changed", G_CALLBACK (filter_changed_cb) },
    { ATLAS_VIEW_ON_SELECTION, "changed", G_CALLBACK (selection_changed_cb) },
  };

  g_return_if_fail (ATLAS_IS_ACTOR_SIDEBAR (self));
  g_return_if_fail (context == NULL || ATLAS_IS_CONTEXT (context));

  if (!atlas_view_context_swap (self, &self->context, context, handlers,
                                G_N_ELEMENTS (handlers)))
    return;
  self->filter = context != NULL ? atlas_context_get_filter (context) : NULL;
  self->selection = context != NULL ? atlas_context_get_selection (context) : NULL;

  reload_dataset (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

void
atlas_actor_sidebar_set_search (AtlasActorSidebar *self,
                                const char        *text)
{
  g_return_if_fail (ATLAS_IS_ACTOR_SIDEBAR (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  /* GtkSearchEntry delays ::search-changed; apply it now */
  search_changed_cb (self);
}

guint
atlas_actor_sidebar_get_n_rows (AtlasActorSidebar *self)
{
  g_return_val_if_fail (ATLAS_IS_ACTOR_SIDEBAR (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->store));
}

guint
atlas_actor_sidebar_get_n_actor_rows (AtlasActorSidebar *self)
{
  guint n, n_actors = 0;

  g_return_val_if_fail (ATLAS_IS_ACTOR_SIDEBAR (self), 0);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (ATLAS_IS_ACTOR (item))
        n_actors++;
    }

  return n_actors;
}

void
atlas_actor_sidebar_toggle_actor (AtlasActorSidebar *self,
                                  AtlasActor        *actor)
{
  g_return_if_fail (ATLAS_IS_ACTOR_SIDEBAR (self));
  g_return_if_fail (ATLAS_IS_ACTOR (actor));

  if (self->filter != NULL)
    set_actor_checked (self, actor, !atlas_filter_get_actor_active (self->filter, actor));
}

void
atlas_actor_sidebar_show_only_actor (AtlasActorSidebar *self,
                                     AtlasActor        *actor)
{
  g_return_if_fail (ATLAS_IS_ACTOR_SIDEBAR (self));
  g_return_if_fail (ATLAS_IS_ACTOR (actor));

  if (self->filter != NULL)
    atlas_filter_set_only_actor (self->filter, actor);
}

gboolean
atlas_actor_sidebar_actor_is_highlighted (AtlasActorSidebar *self,
                                          AtlasActor        *actor)
{
  g_return_val_if_fail (ATLAS_IS_ACTOR_SIDEBAR (self), FALSE);
  g_return_val_if_fail (ATLAS_IS_ACTOR (actor), FALSE);

  for (guint i = 0; i < self->rows->len; i++)
    {
      AtlasActorRow *row = g_ptr_array_index (self->rows, i);

      if (atlas_actor_row_get_actor (row) == actor)
        return gtk_widget_has_css_class (GTK_WIDGET (row), "selected-actor");
    }

  /* not on screen: the same rule the rows follow */
  return self->selection != NULL && atlas_selection_involves_actor (self->selection, actor);
}

GtkPopover *
atlas_actor_sidebar_open_actor_menu (AtlasActorSidebar *self,
                                     AtlasActor        *actor)
{
  GtkWidget *anchor = NULL;

  g_return_val_if_fail (ATLAS_IS_ACTOR_SIDEBAR (self), NULL);
  g_return_val_if_fail (ATLAS_IS_ACTOR (actor), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      AtlasActorRow *row = g_ptr_array_index (self->rows, i);

      if (atlas_actor_row_get_actor (row) == actor)
        anchor = GTK_WIDGET (row);
    }

  show_actor_menu (self, actor, anchor);

  return self->actor_popover;
}
