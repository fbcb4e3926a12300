/* atlas-source-pane.c — the source text beside the map, every event's sentence marked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows the text of every source that has one, verbatim, each under a heading
 * (title; publisher · dateline · date).  Each event's excerpt is tinted and
 * underlined in its category's colour; sentences no event cites stay plain, so
 * a reader sees at a glance what the dataset left out.  Quotations are coloured
 * by their speaker and say who said them in a tooltip.
 *
 * The selection is highlighted and scrolled into view; a click on a marked
 * sentence selects the events whose excerpts cover that point (Ctrl adds or
 * removes them).  The pane only reads the context and acts on its selection.
 *
 * Offsets: excerpt offsets are characters (code points), as are GtkTextBuffer
 * offsets, so each source's text starts at a known buffer offset (its base)
 * and an excerpt at base + offset.
 */

#define G_LOG_DOMAIN "atlas-views"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "atlas-palette.h"
#include "atlas-sentences.h"
#include "atlas-source-pane.h"
#include "atlas-view-context.h"

typedef struct {
  AtlasSource *source;        /* borrowed from the dataset */
  guint        source_index;  /* in atlas_dataset_get_sources() */
  gint64       base;          /* buffer offset of the first character of the text */
  gint64       length;        /* of the text, in characters */
  GArray      *sentences;     /* AtlasSentence */
} Shown;

/* An event's excerpt, or a quotation, in a shown text */
typedef struct {
  AtlasEvent  *event;         /* borrowed from the dataset */
  AtlasActor  *speaker;       /* quotations only; may be NULL */
  guint        shown;         /* index in self->shown */
  gint64       from;          /* character offsets in the source's text */
  gint64       to;
} Span;

struct _AtlasSourcePane
{
  GtkWidget          parent_instance;

  /* template widgets */
  GtkStack          *stack;
  AdwStatusPage     *status_page;
  GtkLabel          *count_label;
  GtkScrolledWindow *scrolled_window;
  GtkTextView       *text_view;

  /* owned references */
  AtlasContext      *context;
  AtlasDataset      *dataset;      /* the one the buffer shows */
  GArray            *shown;        /* Shown */
  GArray            *excerpts;     /* Span, in event order */
  GArray            *quotes;       /* Span */
  GHashTable        *category_tags;  /* category ("" for none) → GtkTextTag, borrowed from the table */
  GHashTable        *speaker_tags;   /* AtlasActor → GtkTextTag */

  /* borrowed references */
  AtlasSelection    *selection;
  GtkTextBuffer     *buffer;
  GtkTextTag        *title_tag;
  GtkTextTag        *meta_tag;
  GtkTextTag        *selected_tag;
  GtkTextTag        *uncited_tag;
  GtkTextMark       *scroll_mark;

  guint              n_sentences;
  guint              n_cited;
  guint              n_uncited;  /* left uncited on purpose (sources[].uncited) */
};

G_DEFINE_FINAL_TYPE (AtlasSourcePane, atlas_source_pane, GTK_TYPE_WIDGET)

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

static void
clear_shown (gpointer data)
{
  Shown *shown = data;

  g_clear_pointer (&shown->sentences, g_array_unref);
}

static const char *
actor_name (AtlasActor *actor)
{
  return atlas_actor_get_display_name (actor);
}

static Shown *
find_shown_for_index (AtlasSourcePane *self,
                      guint            source_index)
{
  for (guint i = 0; i < self->shown->len; i++)
    {
      Shown *shown = &g_array_index (self->shown, Shown, i);

      if (shown->source_index == source_index)
        return shown;
    }

  return NULL;
}

static gint
find_shown_for_source (AtlasSourcePane *self,
                       AtlasSource     *source)
{
  for (guint i = 0; i < self->shown->len; i++)
    if (g_array_index (self->shown, Shown, i).source == source)
      return (gint) i;

  return -1;
}

/* the shown text and the offset in it of buffer offset @offset; FALSE outside texts */
static gboolean
locate_buffer_offset (AtlasSourcePane *self,
                      gint64           offset,
                      guint           *shown_index,
                      gint64          *text_offset)
{
  for (guint i = 0; i < self->shown->len; i++)
    {
      Shown *shown = &g_array_index (self->shown, Shown, i);

      if (offset >= shown->base && offset < shown->base + shown->length)
        {
          *shown_index = i;
          *text_offset = offset - shown->base;
          return TRUE;
        }
    }

  return FALSE;
}

static void
get_span_iters (AtlasSourcePane *self,
                const Span      *span,
                GtkTextIter     *start,
                GtkTextIter     *end)
{
  Shown *shown = &g_array_index (self->shown, Shown, span->shown);

  gtk_text_buffer_get_iter_at_offset (self->buffer, start, (int) (shown->base + span->from));
  gtk_text_buffer_get_iter_at_offset (self->buffer, end, (int) (shown->base + span->to));
}

/* Spans of @spans in shown text @shown_index covering @offset: a new array of borrowed pointers */
static GPtrArray *
spans_at (GArray *spans,
          guint   shown_index,
          gint64  offset)
{
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < spans->len; i++)
    {
      Span *span = &g_array_index (spans, Span, i);

      if (span->shown == shown_index && span->from <= offset && offset < span->to)
        g_ptr_array_add (found, span);
    }

  return found;
}

/* tags */

static void
style_excerpt_tag (GtkTextTag *tag,
                   const char *category,
                   gboolean    dark)
{
  GdkRGBA color, tint;

  atlas_palette_category_color (*category != '\0' ? category : NULL, dark, &color);
  tint = color;
  tint.alpha = dark ? 0.20f : 0.11f;
  color.alpha = 0.6f;
  g_object_set (tag,
                "background-rgba", &tint,
                "underline", PANGO_UNDERLINE_SINGLE,
                "underline-rgba", &color,
                NULL);
}

static void
style_speaker_tag (GtkTextTag *tag,
                   AtlasActor *speaker,
                   gboolean    dark)
{
  GdkRGBA color;

  atlas_palette_index_color (atlas_actor_get_index (speaker), dark, &color);
  if (!dark)
    {
      /* darker, for text on a light background */
      color.red *= 0.72f;
      color.green *= 0.72f;
      color.blue *= 0.72f;
    }
  g_object_set (tag, "foreground-rgba", &color, NULL);
}

static void
style_selected_tag (GtkTextTag *tag,
                    gboolean    dark)
{
  GdkRGBA color, tint;

  atlas_palette_selection_color (dark, &color);
  tint = color;
  tint.alpha = dark ? 0.38f : 0.55f;
  g_object_set (tag,
                "background-rgba", &tint,
                "underline", PANGO_UNDERLINE_DOUBLE,
                "underline-rgba", &color,
                NULL);
}

static void
restyle_tags (AtlasSourcePane *self)
{
  gboolean dark = is_dark ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->category_tags);
  while (g_hash_table_iter_next (&iter, &key, &value))
    style_excerpt_tag (value, key, dark);

  g_hash_table_iter_init (&iter, self->speaker_tags);
  while (g_hash_table_iter_next (&iter, &key, &value))
    style_speaker_tag (value, key, dark);

  style_selected_tag (self->selected_tag, dark);
}

static GtkTextTag *
excerpt_tag (AtlasSourcePane *self,
             const char      *category)
{
  GtkTextTag *tag;

  if (category == NULL)
    category = "";

  tag = g_hash_table_lookup (self->category_tags, category);
  if (tag == NULL)
    {
      tag = gtk_text_buffer_create_tag (self->buffer, NULL, NULL);
      style_excerpt_tag (tag, category, is_dark ());
      g_hash_table_insert (self->category_tags, g_strdup (category), tag);
    }

  return tag;
}

static GtkTextTag *
speaker_tag (AtlasSourcePane *self,
             AtlasActor      *speaker)
{
  GtkTextTag *tag = g_hash_table_lookup (self->speaker_tags, speaker);

  if (tag == NULL)
    {
      tag = gtk_text_buffer_create_tag (self->buffer, NULL, NULL);
      style_speaker_tag (tag, speaker, is_dark ());
      g_hash_table_insert (self->speaker_tags, speaker, tag);
    }

  return tag;
}

/* building the text */

static char *
describe_source (AtlasSource *source)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (atlas_source_get_publisher (source) != NULL)
    g_ptr_array_add (parts, (gpointer) atlas_source_get_publisher (source));
  if (atlas_source_get_dateline (source) != NULL)
    g_ptr_array_add (parts, (gpointer) atlas_source_get_dateline (source));
  if (atlas_source_get_published (source) != NULL)
    g_ptr_array_add (parts, (gpointer) atlas_source_get_published (source));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
append_tagged (AtlasSourcePane *self,
               const char      *text,
               GtkTextTag      *tag)
{
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (self->buffer, &end);
  if (tag != NULL)
    gtk_text_buffer_insert_with_tags (self->buffer, &end, text, -1, tag, NULL);
  else
    gtk_text_buffer_insert (self->buffer, &end, text, -1);
}

/* Passages the dataset leaves uncited on purpose: set apart, with the reason
 * in their tooltip, so a reviewer tells them from what was overlooked. */
static void
mark_uncited (AtlasSourcePane *self,
              const Shown     *shown)
{
  for (guint i = 0; i < atlas_source_get_n_uncited (shown->source); i++)
    {
      gint64 offset;
      const char *passage = atlas_source_get_uncited (shown->source, i, NULL, &offset);
      GtkTextIter start, end;

      gtk_text_buffer_get_iter_at_offset (self->buffer, &start, (int) (shown->base + offset));
      gtk_text_buffer_get_iter_at_offset (self->buffer, &end,
                                          (int) (shown->base + offset +
                                                 g_utf8_strlen (passage, -1)));
      gtk_text_buffer_apply_tag (self->buffer, self->uncited_tag, &start, &end);
    }
}

/* the reason a passage at @offset is left uncited, or NULL */
static const char *
uncited_reason_at (AtlasSourcePane *self,
                   guint            shown_index,
                   gint64           offset)
{
  const Shown *shown = &g_array_index (self->shown, Shown, shown_index);

  for (guint i = 0; i < atlas_source_get_n_uncited (shown->source); i++)
    {
      const char *reason;
      gint64 from;
      const char *passage = atlas_source_get_uncited (shown->source, i, &reason, &from);

      if (offset >= from && offset < from + g_utf8_strlen (passage, -1))
        return reason;
    }

  return NULL;
}

static void
add_sources (AtlasSourcePane *self)
{
  GListModel *sources = atlas_dataset_get_sources (self->dataset);
  guint n = g_list_model_get_n_items (sources);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasSource) source = g_list_model_get_item (sources, i);
      const char *text = atlas_source_get_text (source);
      const char *title = atlas_source_get_title (source);
      g_autofree char *meta = NULL;
      Shown shown = { 0, };

      if (text == NULL || *text == '\0')
        continue;

      if (self->shown->len > 0)
        append_tagged (self, "\n\n", NULL);

      append_tagged (self, title != NULL ? title : atlas_source_get_id (source), self->title_tag);
      append_tagged (self, "\n", NULL);
      meta = describe_source (source);
      if (*meta != '\0')
        {
          append_tagged (self, meta, self->meta_tag);
          append_tagged (self, "\n", NULL);
        }

      shown.source = source;
      shown.source_index = i;
      shown.base = gtk_text_buffer_get_char_count (self->buffer);
      shown.length = (gint64) atlas_source_get_text_length (source);
      shown.sentences = atlas_sentences_new_for_source (self->dataset, source);
      append_tagged (self, text, NULL);

      self->n_sentences += shown.sentences->len;
      self->n_cited += atlas_sentences_count_cited (shown.sentences);
      self->n_uncited += atlas_sentences_count_covered (shown.sentences) -
                         atlas_sentences_count_cited (shown.sentences);
      mark_uncited (self, &shown);
      g_array_append_val (self->shown, shown);
    }
}

/* character range of @needle in @shown's text, looked for inside [@from, @to)
 * first, then anywhere */
static gboolean
find_quote (Shown      *shown,
            const char *needle,
            gint64      from,
            gint64      to,
            gint64     *found_from,
            gint64     *found_to)
{
  const char *text = atlas_source_get_text (shown->source);
  const char *hit = NULL;

  if (needle == NULL || *needle == '\0')
    return FALSE;

  if (from >= 0 && to > from)
    {
      gssize byte_from = atlas_source_char_to_byte (shown->source, (gsize) from);
      gssize byte_to = to < shown->length
                       ? atlas_source_char_to_byte (shown->source, (gsize) to)
                       : (gssize) strlen (text);

      if (byte_from >= 0 && byte_to > byte_from)
        hit = g_strstr_len (text + byte_from, byte_to - byte_from, needle);
    }
  if (hit == NULL)
    hit = strstr (text, needle);
  if (hit == NULL)
    return FALSE;

  *found_from = g_utf8_pointer_to_offset (text, hit);
  *found_to = *found_from + g_utf8_strlen (needle, -1);
  return TRUE;
}

static void
add_marks (AtlasSourcePane *self)
{
  guint n_events = atlas_dataset_get_n_events (self->dataset);

  for (guint e = 0; e < n_events; e++)
    {
      AtlasEvent *event = atlas_dataset_get_event (self->dataset, e);
      AtlasSource *source = atlas_event_get_source (event);
      const char *excerpt = atlas_event_get_excerpt (event);
      gint64 offset = atlas_event_get_excerpt_offset (event);
      gint shown_index;
      Shown *shown;
      Span span = { 0, };
      guint n_quotes;

      if (source == NULL || (shown_index = find_shown_for_source (self, source)) < 0)
        continue;
      shown = &g_array_index (self->shown, Shown, shown_index);

      span.event = event;
      span.shown = (guint) shown_index;
      span.from = span.to = -1;
      if (excerpt != NULL && offset >= 0 && offset < shown->length)
        {
          GtkTextIter start, end;

          span.from = offset;
          span.to = MIN (offset + g_utf8_strlen (excerpt, -1), shown->length);
          g_array_append_val (self->excerpts, span);
          get_span_iters (self, &span, &start, &end);
          gtk_text_buffer_apply_tag (self->buffer, excerpt_tag (self, atlas_event_get_category (event)),
                                     &start, &end);
        }

      n_quotes = atlas_event_get_n_quotes (event);
      for (guint q = 0; q < n_quotes; q++)
        {
          Span quote = span;
          const char *words = atlas_event_get_quote (event, q, &quote.speaker);

          if (!find_quote (shown, words, span.from, span.to, &quote.from, &quote.to))
            continue;

          g_array_append_val (self->quotes, quote);
          if (quote.speaker != NULL)
            {
              GtkTextIter start, end;

              get_span_iters (self, &quote, &start, &end);
              gtk_text_buffer_apply_tag (self->buffer, speaker_tag (self, quote.speaker),
                                         &start, &end);
            }
        }
    }
}

static void
update_count_label (AtlasSourcePane *self)
{
  g_autofree char *text = NULL;

  /* Translators: "28 of 31 sentences cited" — sentences of the source text
   * that some event of the dataset takes its information from */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u of %u sentence cited",
                                       "%u of %u sentences cited", self->n_sentences),
                          self->n_cited, self->n_sentences);
  if (self->n_uncited > 0)
    {
      g_autofree char *cited = g_steal_pointer (&text);
      g_autofree char *uncited = NULL;

      /* Translators: follows "29 of 31 sentences cited" */
      uncited = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u left uncited on purpose",
                                              "%u left uncited on purpose", self->n_uncited),
                                 self->n_uncited);
      text = g_strdup_printf ("%s · %s", cited, uncited);
    }
  gtk_label_set_text (self->count_label, text);
}

static gboolean
span_is_on_screen (AtlasSourcePane *self,
                   const Span      *span)
{
  GdkRectangle visible, first, last;
  GtkTextIter start, end;

  get_span_iters (self, span, &start, &end);
  gtk_text_view_get_visible_rect (self->text_view, &visible);
  gtk_text_view_get_iter_location (self->text_view, &start, &first);
  gtk_text_view_get_iter_location (self->text_view, &end, &last);

  return visible.height > 0
         && first.y >= visible.y
         && last.y + last.height <= visible.y + visible.height;
}

static void
scroll_to_selection (AtlasSourcePane *self)
{
  guint n = self->selection != NULL ? atlas_selection_get_n_events (self->selection) : 0;

  /* the first selected event, in time order, that has an excerpt here */
  for (guint i = 0; i < n; i++)
    {
      AtlasEvent *event = atlas_selection_get_event (self->selection, i);

      for (guint s = 0; s < self->excerpts->len; s++)
        {
          Span *span = &g_array_index (self->excerpts, Span, s);
          GtkTextIter start, end;

          if (span->event != event)
            continue;

          if (gtk_widget_get_mapped (GTK_WIDGET (self->text_view)) && span_is_on_screen (self, span))
            return;

          get_span_iters (self, span, &start, &end);
          gtk_text_buffer_move_mark (self->buffer, self->scroll_mark, &start);
          gtk_text_view_scroll_to_mark (self->text_view, self->scroll_mark, 0.0, TRUE, 0.0, 0.2);
          return;
        }
    }
}

static void
sync_selection (AtlasSourcePane *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->selected_tag, &start, &end);

  if (self->selection == NULL)
    return;

  for (guint s = 0; s < self->excerpts->len; s++)
    {
      Span *span = &g_array_index (self->excerpts, Span, s);

      if (!atlas_selection_contains (self->selection, span->event))
        continue;

      get_span_iters (self, span, &start, &end);
      gtk_text_buffer_apply_tag (self->buffer, self->selected_tag, &start, &end);
    }

  scroll_to_selection (self);
}

static void
rebuild (AtlasSourcePane *self)
{
  AtlasDataset *dataset = self->context != NULL ? atlas_context_get_dataset (self->context) : NULL;
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (self->buffer);

  g_set_object (&self->dataset, dataset);
  g_array_set_size (self->shown, 0);
  g_array_set_size (self->excerpts, 0);
  g_array_set_size (self->quotes, 0);
  self->n_sentences = 0;
  self->n_cited = 0;
  self->n_uncited = 0;
  gtk_text_buffer_set_text (self->buffer, "", 0);

  if (dataset != NULL)
    {
      add_sources (self);
      add_marks (self);
    }

  /* the selection shows above every category's tint */
  gtk_text_tag_set_priority (self->selected_tag, gtk_text_tag_table_get_size (table) - 1);

  update_count_label (self);
  gtk_stack_set_visible_child_name (self->stack, self->shown->len > 0 ? "text" : "empty");

  sync_selection (self);
}

/* What a click at @offset of shown text @shown_index does */
static void
click_at (AtlasSourcePane *self,
          guint            shown_index,
          gint64           offset,
          GdkModifierType  modifiers)
{
  g_autoptr(GPtrArray) hits = spans_at (self->excerpts, shown_index, offset);
  g_autoptr(GPtrArray) events = g_ptr_array_new ();
  gboolean all_selected = TRUE;
  guint n_selected;

  if (hits->len == 0 || self->selection == NULL)
    return;

  for (guint i = 0; i < hits->len; i++)
    {
      AtlasEvent *event = ((Span *) g_ptr_array_index (hits, i))->event;

      if (!g_ptr_array_find (events, event, NULL))
        g_ptr_array_add (events, event);
      all_selected = all_selected && atlas_selection_contains (self->selection, event);
    }

  if ((modifiers & GDK_CONTROL_MASK) == 0)
    {
      atlas_selection_select_events (self->selection, (AtlasEvent **) events->pdata, events->len);
      return;
    }

  /* Ctrl: add them, or take them out when they all are in already */
  n_selected = atlas_selection_get_n_events (self->selection);
  {
    g_autoptr(GPtrArray) result = g_ptr_array_new ();

    for (guint i = 0; i < n_selected; i++)
      {
        AtlasEvent *event = atlas_selection_get_event (self->selection, i);

        if (!all_selected || !g_ptr_array_find (events, event, NULL))
          g_ptr_array_add (result, event);
      }
    if (!all_selected)
      for (guint i = 0; i < events->len; i++)
        if (!g_ptr_array_find (result, g_ptr_array_index (events, i), NULL))
          g_ptr_array_add (result, g_ptr_array_index (events, i));

    atlas_selection_select_events (self->selection, (AtlasEvent **) result->pdata, result->len);
  }
}

static char *
tooltip_at (AtlasSourcePane *self,
            guint            shown_index,
            gint64           offset)
{
  g_autoptr(GPtrArray) quotes = spans_at (self->quotes, shown_index, offset);
  g_autoptr(GPtrArray) excerpts = spans_at (self->excerpts, shown_index, offset);
  g_autoptr(GPtrArray) speakers = g_ptr_array_new ();
  g_autoptr(GString) tip = g_string_new (NULL);
  const char *reason = uncited_reason_at (self, shown_index, offset);
  gboolean unnamed = FALSE;

  if (reason != NULL)
    /* Translators: tooltip on a passage of the source text that no event cites
     * on purpose; %s is the dataset's reason, e.g. "Caption of a photograph" */
    g_string_append_printf (tip, _("Not cited on purpose: %s"), reason);

  for (guint i = 0; i < quotes->len; i++)
    {
      AtlasActor *speaker = ((Span *) g_ptr_array_index (quotes, i))->speaker;

      if (speaker == NULL)
        unnamed = TRUE;
      else if (!g_ptr_array_find (speakers, speaker, NULL))
        g_ptr_array_add (speakers, speaker);
    }

  for (guint i = 0; i < speakers->len; i++)
    {
      if (tip->len > 0)
        g_string_append_c (tip, '\n');
      /* Translators: tooltip on a quotation in the source text; %s is an actor */
      g_string_append_printf (tip, _("Said by %s"), actor_name (g_ptr_array_index (speakers, i)));
    }
  if (unnamed && speakers->len == 0)
    g_string_append (tip, _("Quoted; the dataset does not name the speaker"));

  if (excerpts->len > 0)
    {
      if (tip->len > 0)
        g_string_append (tip, "\n\n");
      g_string_append (tip, g_dngettext (GETTEXT_PACKAGE, "Cited by this event:",
                                         "Cited by these events:", excerpts->len));
      for (guint i = 0; i < excerpts->len; i++)
        {
          AtlasEvent *event = ((Span *) g_ptr_array_index (excerpts, i))->event;
          AtlasActor *attributed = atlas_event_get_attributed_to (event);

          g_string_append_printf (tip, "\n• %s", atlas_event_get_title (event));
          if (attributed != NULL)
            /* Translators: after an event title in a tooltip; %s is an actor */
            g_string_append_printf (tip, _(", according to %s"), actor_name (attributed));
        }
      g_string_append_c (tip, '\n');
      g_string_append (tip, _("Click to select; Ctrl+click to add to the selection"));
    }

  if (tip->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&tip), FALSE);
}

/* the shown text and offset under widget point (@x, @y) of the text view */
static gboolean
locate_point (AtlasSourcePane *self,
              double           x,
              double           y,
              guint           *shown_index,
              gint64          *offset)
{
  GtkTextIter iter;
  GdkRectangle location;
  int bx, by;

  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET,
                                         (int) x, (int) y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (self->text_view, &iter, bx, by))
    return FALSE;

  /* past the end of a line is not on its last character */
  gtk_text_view_get_iter_location (self->text_view, &iter, &location);
  if (bx < location.x || bx >= location.x + MAX (location.width, 1))
    return FALSE;

  return locate_buffer_offset (self, gtk_text_iter_get_offset (&iter), shown_index, offset);
}

/* callbacks */

static void
dataset_changed_cb (AtlasSourcePane *self)
{
  rebuild (self);
}

static void
selection_changed_cb (AtlasSourcePane *self)
{
  sync_selection (self);
}

static void
dark_changed_cb (AtlasSourcePane *self)
{
  restyle_tags (self);
}

/* The text was laid out again (new width, lines validated): the selection's
 * place moved, so keep it in view. */
static void
vadjustment_changed_cb (AtlasSourcePane *self)
{
  if (self->selection != NULL && atlas_selection_get_n_events (self->selection) > 0)
    scroll_to_selection (self);
}

static void
text_view_map_cb (AtlasSourcePane *self)
{
  /* scrolling while hidden went nowhere: show the selection now */
  scroll_to_selection (self);
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            AtlasSourcePane *self)
{
  GdkModifierType modifiers;
  guint shown_index;
  gint64 offset;

  if (n_press != 1 || !locate_point (self, x, y, &shown_index, &offset))
    return;

  modifiers = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  click_at (self, shown_index, offset, modifiers);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           AtlasSourcePane          *self)
{
  g_autoptr(GPtrArray) hits = NULL;
  guint shown_index;
  gint64 offset;
  gboolean marked = FALSE;

  if (locate_point (self, x, y, &shown_index, &offset))
    {
      hits = spans_at (self->excerpts, shown_index, offset);
      marked = hits->len > 0;
    }

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->text_view), marked ? "pointer" : "text");
}

static gboolean
query_tooltip_cb (GtkWidget       *widget,
                  int              x,
                  int              y,
                  gboolean         keyboard_mode,
                  GtkTooltip      *tooltip,
                  AtlasSourcePane *self)
{
  g_autofree char *text = NULL;
  guint shown_index;
  gint64 offset;

  if (keyboard_mode || !locate_point (self, x, y, &shown_index, &offset))
    return FALSE;

  text = tooltip_at (self, shown_index, offset);
  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* overrides */

static void
atlas_source_pane_dispose (GObject *object)
{
  AtlasSourcePane *self = ATLAS_SOURCE_PANE (object);

  atlas_view_context_swap (self, &self->context, NULL, NULL, 0);
  self->selection = NULL;
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_SOURCE_PANE);

  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (atlas_source_pane_parent_class)->dispose (object);
}

static void
atlas_source_pane_finalize (GObject *object)
{
  AtlasSourcePane *self = ATLAS_SOURCE_PANE (object);

  g_clear_pointer (&self->shown, g_array_unref);
  g_clear_pointer (&self->excerpts, g_array_unref);
  g_clear_pointer (&self->quotes, g_array_unref);
  g_clear_pointer (&self->category_tags, g_hash_table_unref);
  g_clear_pointer (&self->speaker_tags, g_hash_table_unref);

  G_OBJECT_CLASS (atlas_source_pane_parent_class)->finalize (object);
}

static void
atlas_source_pane_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AtlasSourcePane *self = ATLAS_SOURCE_PANE (object);

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
atlas_source_pane_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AtlasSourcePane *self = ATLAS_SOURCE_PANE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      atlas_source_pane_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_source_pane_class_init (AtlasSourcePaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_source_pane_dispose;
  object_class->finalize = atlas_source_pane_finalize;
  object_class->get_property = atlas_source_pane_get_property;
  object_class->set_property = atlas_source_pane_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         ATLAS_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eventatlas/EventAtlas/atlas-source-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasSourcePane, stack);
  gtk_widget_class_bind_template_child (widget_class, AtlasSourcePane, status_page);
  gtk_widget_class_bind_template_child (widget_class, AtlasSourcePane, count_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasSourcePane, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, AtlasSourcePane, text_view);
  gtk_widget_class_bind_template_callback (widget_class, pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, motion_cb);
  gtk_widget_class_bind_template_callback (widget_class, query_tooltip_cb);
  gtk_widget_class_bind_template_callback (widget_class, text_view_map_cb);

  gtk_widget_class_set_css_name (widget_class, "sourcepane");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
atlas_source_pane_init (AtlasSourcePane *self)
{
  GtkTextIter start;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->shown = g_array_new (FALSE, TRUE, sizeof (Shown));
  g_array_set_clear_func (self->shown, clear_shown);
  self->excerpts = g_array_new (FALSE, TRUE, sizeof (Span));
  self->quotes = g_array_new (FALSE, TRUE, sizeof (Span));
  self->category_tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->speaker_tags = g_hash_table_new (g_direct_hash, g_direct_equal);

  self->buffer = gtk_text_view_get_buffer (self->text_view);
  self->title_tag = gtk_text_buffer_create_tag (self->buffer, "title",
                                                "weight", PANGO_WEIGHT_BOLD,
                                                "scale", 1.2,
                                                "pixels-below-lines", 2,
                                                NULL);
  self->meta_tag = gtk_text_buffer_create_tag (self->buffer, "meta",
                                               "scale", 0.85,
                                               "foreground-rgba", &(GdkRGBA) { 0.5f, 0.5f, 0.5f, 1.f },
                                               "pixels-below-lines", 14,
                                               NULL);
  self->uncited_tag = gtk_text_buffer_create_tag (self->buffer, "uncited",
                                                  "style", PANGO_STYLE_ITALIC,
                                                  "foreground-rgba",
                                                  &(GdkRGBA) { 0.5f, 0.5f, 0.5f, 1.f },
                                                  NULL);
  self->selected_tag = gtk_text_buffer_create_tag (self->buffer, "selected", NULL);
  style_selected_tag (self->selected_tag, is_dark ());

  gtk_text_buffer_get_start_iter (self->buffer, &start);
  self->scroll_mark = gtk_text_buffer_create_mark (self->buffer, NULL, &start, TRUE);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->text_view)),
                           "changed", G_CALLBACK (vadjustment_changed_cb), self,
                           G_CONNECT_SWAPPED);

  rebuild (self);
}

/* public API */

GtkWidget *
atlas_source_pane_new (void)
{
  return g_object_new (ATLAS_TYPE_SOURCE_PANE, NULL);
}

AtlasContext *
atlas_source_pane_get_context (AtlasSourcePane *self)
{
  g_return_val_if_fail (ATLAS_IS_SOURCE_PANE (self), NULL);

  return self->context;
}

void
atlas_source_pane_set_context (AtlasSourcePane *self,
                               AtlasContext    *context)
{
  const AtlasViewHandler handlers[] = {
    { ATLAS_VIEW_ON_CONTEXT, "notify::dataset", G_CALLBACK (dataset_changed_cb) },
    { ATLAS_VIEW_ON_SELECTION, "changed", G_CALLBACK (selection_changed_cb) },
  };

  g_return_if_fail (ATLAS_IS_SOURCE_PANE (self));
  g_return_if_fail (context == NULL || ATLAS_IS_CONTEXT (context));

  if (!atlas_view_context_swap (self, &self->context, context, handlers,
                                G_N_ELEMENTS (handlers)))
    return;
  self->selection = context != NULL ? atlas_context_get_selection (context) : NULL;

  rebuild (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

gboolean
atlas_source_pane_has_text (AtlasSourcePane *self)
{
  g_return_val_if_fail (ATLAS_IS_SOURCE_PANE (self), FALSE);

  return self->shown->len > 0;
}

void
atlas_source_pane_click_at_offset (AtlasSourcePane *self,
                                   guint            source_index,
                                   gint64           char_offset,
                                   GdkModifierType  modifiers)
{
  Shown *shown;

  g_return_if_fail (ATLAS_IS_SOURCE_PANE (self));

  shown = find_shown_for_index (self, source_index);
  if (shown == NULL || char_offset < 0 || char_offset >= shown->length)
    return;

  click_at (self, (guint) (shown - (Shown *) (void *) self->shown->data), char_offset, modifiers);
}

static gboolean
offset_has_tag (AtlasSourcePane *self,
                guint            source_index,
                gint64           char_offset,
                gboolean         selected)
{
  Shown *shown = find_shown_for_index (self, source_index);
  GtkTextIter iter;
  GSList *tags;
  gboolean found = FALSE;

  if (shown == NULL || char_offset < 0 || char_offset >= shown->length)
    return FALSE;

  gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, (int) (shown->base + char_offset));
  tags = gtk_text_iter_get_tags (&iter);
  for (GSList *l = tags; l != NULL && !found; l = l->next)
    {
      if (selected)
        found = l->data == (gpointer) self->selected_tag;
      else
        {
          GHashTableIter hash_iter;
          gpointer value;

          g_hash_table_iter_init (&hash_iter, self->category_tags);
          while (!found && g_hash_table_iter_next (&hash_iter, NULL, &value))
            found = l->data == value;
        }
    }
  g_slist_free (tags);

  return found;
}

gboolean
atlas_source_pane_offset_is_marked (AtlasSourcePane *self,
                                    guint            source_index,
                                    gint64           char_offset)
{
  g_return_val_if_fail (ATLAS_IS_SOURCE_PANE (self), FALSE);

  return offset_has_tag (self, source_index, char_offset, FALSE);
}

gboolean
atlas_source_pane_offset_is_selected (AtlasSourcePane *self,
                                      guint            source_index,
                                      gint64           char_offset)
{
  g_return_val_if_fail (ATLAS_IS_SOURCE_PANE (self), FALSE);

  return offset_has_tag (self, source_index, char_offset, TRUE);
}

gboolean
atlas_source_pane_offset_is_on_screen (AtlasSourcePane *self,
                                       guint            source_index,
                                       gint64           char_offset)
{
  Shown *shown;
  Span span = { 0, };

  g_return_val_if_fail (ATLAS_IS_SOURCE_PANE (self), FALSE);

  shown = find_shown_for_index (self, source_index);
  if (shown == NULL || char_offset < 0 || char_offset >= shown->length)
    return FALSE;

  span.shown = (guint) (shown - (Shown *) (void *) self->shown->data);
  span.from = char_offset;
  span.to = char_offset + 1;
  return span_is_on_screen (self, &span);
}

char *
atlas_source_pane_dup_source_text (AtlasSourcePane *self,
                                   guint            source_index)
{
  Shown *shown;
  GtkTextIter start, end;

  g_return_val_if_fail (ATLAS_IS_SOURCE_PANE (self), NULL);

  shown = find_shown_for_index (self, source_index);
  if (shown == NULL)
    return NULL;

  gtk_text_buffer_get_iter_at_offset (self->buffer, &start, (int) shown->base);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &end, (int) (shown->base + shown->length));
  return gtk_text_buffer_get_text (self->buffer, &start, &end, TRUE);
}

char *
atlas_source_pane_dup_tooltip_at_offset (AtlasSourcePane *self,
                                         guint            source_index,
                                         gint64           char_offset)
{
  Shown *shown;

  g_return_val_if_fail (ATLAS_IS_SOURCE_PANE (self), NULL);

  shown = find_shown_for_index (self, source_index);
  if (shown == NULL || char_offset < 0 || char_offset >= shown->length)
    return NULL;

  return tooltip_at (self, (guint) (shown - (Shown *) (void *) self->shown->data), char_offset);
}

guint
atlas_source_pane_get_n_cited_sentences (AtlasSourcePane *self)
{
  g_return_val_if_fail (ATLAS_IS_SOURCE_PANE (self), 0);

  return self->n_cited;
}

guint
atlas_source_pane_get_n_sentences (AtlasSourcePane *self)
{
  g_return_val_if_fail (ATLAS_IS_SOURCE_PANE (self), 0);

  return self->n_sentences;
}
