/* atlas-actor-row.c — one row of the actor sidebar: a kind heading or an actor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The row is passive: the sidebar tells it what it shows (checked, count,
 * highlighted) and listens to its ::toggled and ::only signals.
 */

#define G_LOG_DOMAIN "atlas-views"

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-actor-row.h"
#include "atlas-palette.h"
#include "atlas-text.h"

#define INDENT_PX 20

struct _AtlasActorRow
{
  GtkWidget       parent_instance;

  /* template widgets */
  GtkBox         *box;
  GtkLabel       *heading_label;
  GtkCheckButton *check;
  GtkDrawingArea *swatch;
  GtkOverlay     *actor_overlay;
  GtkBox         *name_box;
  GtkLabel       *name_label;
  GtkLabel       *subtitle_label;
  GtkButton      *only_button;
  GtkButton      *menu_button;
  GtkLabel       *count_label;

  /* owned */
  AtlasActor     *actor;

  guint           count;
  guint           dark : 1;
  guint           highlighted : 1;
};

G_DEFINE_FINAL_TYPE (AtlasActorRow, atlas_actor_row, GTK_TYPE_WIDGET)

enum {
  SIGNAL_TOGGLED,
  SIGNAL_ONLY,
  SIGNAL_MENU,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_actor_widgets_visible (AtlasActorRow *self,
                           gboolean       visible)
{
  gtk_widget_set_visible (GTK_WIDGET (self->check), visible);
  gtk_widget_set_visible (GTK_WIDGET (self->swatch), visible);
  gtk_widget_set_visible (GTK_WIDGET (self->actor_overlay), visible);
  gtk_widget_set_visible (GTK_WIDGET (self->heading_label), !visible);
}

static void
update_tooltip (AtlasActorRow *self)
{
  g_autoptr(GString) tip = NULL;
  const char *description;
  const char * const *aliases;

  if (self->actor == NULL)
    {
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), NULL);
      return;
    }

  tip = g_string_new (gtk_label_get_text (self->name_label));
  aliases = atlas_actor_get_aliases (self->actor);
  if (aliases != NULL && aliases[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) aliases);
      g_string_append_printf (tip, "\n%s", joined);
    }
  description = atlas_actor_get_description (self->actor);
  if (description != NULL && *description != '\0')
    g_string_append_printf (tip, "\n\n%s", description);
  g_string_append_c (tip, '\n');
  g_string_append_printf (tip,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%u event shown", "%u events shown", self->count),
                          self->count);

  gtk_widget_set_tooltip_text (GTK_WIDGET (self), tip->str);
}

static void
swatch_draw_cb (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  AtlasActorRow *self = ATLAS_ACTOR_ROW (user_data);
  GdkRGBA color;
  double radius;

  if (self->actor == NULL)
    return;

  atlas_palette_index_color (atlas_actor_get_index (self->actor), self->dark, &color);
  radius = MIN (width, height) / 2.0;
  cairo_arc (cr, width / 2.0, height / 2.0, radius, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_fill (cr);
}

static void
check_toggled_cb (AtlasActorRow *self)
{
  if (self->actor != NULL)
    g_signal_emit (self, signals[SIGNAL_TOGGLED], 0,
                   gtk_check_button_get_active (self->check));
}

static void
only_clicked_cb (AtlasActorRow *self)
{
  if (self->actor != NULL)
    g_signal_emit (self, signals[SIGNAL_ONLY], 0);
}

static void
menu_clicked_cb (AtlasActorRow *self)
{
  if (self->actor != NULL)
    g_signal_emit (self, signals[SIGNAL_MENU], 0);
}

static void
secondary_pressed_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      AtlasActorRow   *self)
{
  if (self->actor == NULL)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  g_signal_emit (self, signals[SIGNAL_MENU], 0);
}

static void
atlas_actor_row_dispose (GObject *object)
{
  AtlasActorRow *self = ATLAS_ACTOR_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_ACTOR_ROW);
  g_clear_object (&self->actor);

  G_OBJECT_CLASS (atlas_actor_row_parent_class)->dispose (object);
}

static void
atlas_actor_row_class_init (AtlasActorRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_actor_row_dispose;

  /**
   * AtlasActorRow::toggled:
   * @active: the new state of the check
   *
   * The user checked or unchecked the actor.
   */
  signals[SIGNAL_TOGGLED] =
    g_signal_new ("toggled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  /**
   * AtlasActorRow::only:
   *
   * The user asked for this actor's events only.
   */
  signals[SIGNAL_ONLY] =
    g_signal_new ("only", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * AtlasActorRow::menu:
   *
   * The user asked for the actor's menu: its claims and connections.
   */
  signals[SIGNAL_MENU] =
    g_signal_new ("menu", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eventatlas/EventAtlas/atlas-actor-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasActorRow, box);
  gtk_widget_class_bind_template_child (widget_class, AtlasActorRow, heading_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasActorRow, check);
  gtk_widget_class_bind_template_child (widget_class, AtlasActorRow, swatch);
  gtk_widget_class_bind_template_child (widget_class, AtlasActorRow, actor_overlay);
  gtk_widget_class_bind_template_child (widget_class, AtlasActorRow, name_box);
  gtk_widget_class_bind_template_child (widget_class, AtlasActorRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasActorRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasActorRow, only_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasActorRow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasActorRow, count_label);
  gtk_widget_class_bind_template_callback (widget_class, check_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, only_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, menu_clicked_cb);

  gtk_widget_class_set_css_name (widget_class, "actorrow");
}

static void
atlas_actor_row_init (AtlasActorRow *self)
{
  GtkGesture *secondary;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_add_css_class (GTK_WIDGET (self), "actor-row");
  gtk_drawing_area_set_draw_func (self->swatch, swatch_draw_cb, self, NULL);

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->only_button),
                               _("Show only this actor’s events"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->menu_button),
                               _("Claims and connections"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Claims and connections"),
                                  -1);

  /* a secondary click opens the same menu */
  secondary = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (secondary), GDK_BUTTON_SECONDARY);
  g_signal_connect (secondary, "pressed", G_CALLBACK (secondary_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (secondary));
}

GtkWidget *
atlas_actor_row_new (void)
{
  return g_object_new (ATLAS_TYPE_ACTOR_ROW, NULL);
}

void
atlas_actor_row_set_heading (AtlasActorRow *self,
                             const char    *heading)
{
  g_return_if_fail (ATLAS_IS_ACTOR_ROW (self));

  g_clear_object (&self->actor);
  gtk_label_set_text (self->heading_label, heading != NULL ? heading : "");
  gtk_widget_set_margin_start (GTK_WIDGET (self->box), 0);
  set_actor_widgets_visible (self, FALSE);
  atlas_actor_row_set_highlighted (self, FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self), "actor-row");
  gtk_widget_add_css_class (GTK_WIDGET (self), "actor-heading");
  update_tooltip (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, heading,
                                  -1);
}

void
atlas_actor_row_set_actor (AtlasActorRow *self,
                           AtlasActor    *actor,
                           const char    *language,
                           guint          depth,
                           const char    *subtitle)
{
  g_autofree char *check_label = NULL;
  g_autofree char *isolated = NULL;
  const char *name;

  g_return_if_fail (ATLAS_IS_ACTOR_ROW (self));
  g_return_if_fail (ATLAS_IS_ACTOR (actor));

  g_set_object (&self->actor, actor);
  name = atlas_actor_get_name_for (actor, language);

  gtk_label_set_text (self->name_label, name);
  gtk_label_set_text (self->subtitle_label, subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label),
                          subtitle != NULL && *subtitle != '\0');
  gtk_widget_set_margin_start (GTK_WIDGET (self->box), depth * INDENT_PX);
  set_actor_widgets_visible (self, TRUE);
  gtk_widget_remove_css_class (GTK_WIDGET (self), "actor-heading");
  gtk_widget_add_css_class (GTK_WIDGET (self), "actor-row");
  gtk_widget_queue_draw (GTK_WIDGET (self->swatch));

  /* Translators: accessible label of an actor's check in the sidebar */
  isolated = atlas_bidi_isolate (name);
  check_label = g_strdup_printf (_("Filter by %s"), isolated);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, check_label,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  update_tooltip (self);
}

AtlasActor *
atlas_actor_row_get_actor (AtlasActorRow *self)
{
  g_return_val_if_fail (ATLAS_IS_ACTOR_ROW (self), NULL);

  return self->actor;
}

void
atlas_actor_row_set_checked (AtlasActorRow *self,
                             gboolean       checked)
{
  g_return_if_fail (ATLAS_IS_ACTOR_ROW (self));

  /* ::toggled reaches the sidebar, which finds the filter already agrees */
  gtk_check_button_set_active (self->check, checked);
}

gboolean
atlas_actor_row_get_checked (AtlasActorRow *self)
{
  g_return_val_if_fail (ATLAS_IS_ACTOR_ROW (self), FALSE);

  return gtk_check_button_get_active (self->check);
}

void
atlas_actor_row_set_count (AtlasActorRow *self,
                           guint          count)
{
  char text[16];

  g_return_if_fail (ATLAS_IS_ACTOR_ROW (self));

  self->count = count;
  g_snprintf (text, sizeof text, "%u", count);
  gtk_label_set_text (self->count_label, text);
  if (count == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "empty");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "empty");
  update_tooltip (self);
}

void
atlas_actor_row_set_highlighted (AtlasActorRow *self,
                                 gboolean       highlighted)
{
  g_return_if_fail (ATLAS_IS_ACTOR_ROW (self));

  highlighted = !!highlighted;
  if (self->highlighted == (guint) highlighted)
    return;

  self->highlighted = highlighted;
  if (highlighted)
    gtk_widget_add_css_class (GTK_WIDGET (self), "selected-actor");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "selected-actor");
}

void
atlas_actor_row_set_dark (AtlasActorRow *self,
                          gboolean       dark)
{
  g_return_if_fail (ATLAS_IS_ACTOR_ROW (self));

  dark = !!dark;
  if (self->dark == (guint) dark)
    return;

  self->dark = dark;
  gtk_widget_queue_draw (GTK_WIDGET (self->swatch));
}
