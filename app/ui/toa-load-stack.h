/* toa-load-stack.h — a window's content while it is read off the main thread: a spinner page,
 * a page with the reason and "Try Again" when reading failed, and the content itself, in one
 * stack put inside the window's toast overlay (the item window and the article editor). */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef struct {
  GtkStack      *stack;         /* pages "loading", "failed", "content" */
  GtkSpinner    *spinner;       /* on the "loading" page */
  AdwStatusPage *failed_page;   /* its description is the reason */
  GtkButton     *retry_button;  /* "Try Again" on the "failed" page */
} ToaLoadStack;

/* Moves @overlay's child into a new stack's "content" page and puts the stack in its place.
 * @on_retry is connected (swapped) to the button's "clicked" with @data. */
void toa_load_stack_build (ToaLoadStack *out, AdwToastOverlay *overlay, const char *loading_title,
                           const char *failed_title, const char *retry_tooltip,
                           GCallback on_retry, gpointer data);

G_END_DECLS
