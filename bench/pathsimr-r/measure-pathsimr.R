# Times PathSimR's own simulation on one case, as its Shiny app runs it, without the app.
#
# Usage:
#   Rscript measure-pathsimr.R <PathSimR_Shiny_v1.R> <network.csv> <calendar.csv> \
#     <st> <wu> <reps> [time unit] [out.rds]
#
# PathSimR (GPL-3) is not included in this repository: this script reads the user's own copy
# of PathSimR_Shiny_v1.R, finds the handler of the app's `sim_out <- eventReactive(input$sim,
# ...)` in it, and calls that handler with stand-ins for the few Shiny objects it touches. So
# the model, its cluster of workers and its output tables are PathSimR's own code, unchanged,
# except one thing: `library(DiagrammeR)` is dropped from the text before it is parsed,
# because Debian does not package DiagrammeR and the handler loads it only for drawing.
#
# It prints PathSimR's own figure (the app's "Simulation completed in X seconds" is
# `proc.time() - ptm` with `ptm` taken inside the handler, after the cluster is made), the
# whole handler's wall time, and CPU seconds of the master and of the worker(s).

suppressPackageStartupMessages({
  # What the app attaches at start-up and the handler relies on before it loads them itself
  # (it calls makeCluster before its own library(parallel)); loaded untimed, as in the app.
  library(shiny)
  library(magrittr)
  library(readr)
  library(DT)
  library(openxlsx)
  library(grid)
  library(gridExtra)
  library(parallel)
  library(data.table)
  library(tidyverse)
})

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 6) {
  stop("usage: Rscript measure-pathsimr.R <PathSimR_Shiny_v1.R> <network.csv> <calendar.csv> <st> <wu> <reps> [time unit] [out.rds]")
}
app_file <- args[1]
network_csv <- normalizePath(args[2])
calendar_csv <- normalizePath(args[3])
window <- as.numeric(args[4])
warm_up_length <- as.numeric(args[5])
replications <- as.numeric(args[6])
time_unit <- if (length(args) >= 7) args[7] else "hours"
out_rds <- if (length(args) >= 8) args[8] else NA

# --- Locate the simulation handler in the app's parsed code -------------------------------

app_text <- readLines(app_file, warn = FALSE)
# DiagrammeR is attached by the handler and by its workers (clusterEvalQ) for drawing only.
app_text <- gsub("library\\(DiagrammeR\\),?", "", app_text)
app_code <- parse(text = app_text, keep.source = FALSE)

is_sim_out_assignment <- function(e) {
  is.call(e) && identical(e[[1]], as.name("<-")) && identical(e[[2]], as.name("sim_out")) &&
    is.call(e[[3]]) && identical(e[[3]][[1]], as.name("eventReactive")) &&
    identical(e[[3]][[2]], quote(input$sim))
}

find_handler <- function(e) {
  if (is_sim_out_assignment(e)) return(e[[3]][[3]])
  if (is.call(e) || is.expression(e)) {
    for (i in seq_along(e)) {
      if (is.null(e[[i]]) || identical(e[[i]], quote(expr = ))) next
      found <- find_handler(e[[i]])
      if (!is.null(found)) return(found)
    }
  }
  NULL
}

handler_body <- find_handler(app_code)
if (is.null(handler_body)) stop("no `sim_out <- eventReactive(input$sim, ...)` in ", app_file)

# --- Stand-ins for the Shiny objects the handler touches -----------------------------------

shiny_stand_ins <- new.env(parent = globalenv())
with(shiny_stand_ins, {
  input <- list(
    sim = 1,
    w_temp = 0,
    file1 = list(datapath = network_csv),
    file2 = list(datapath = calendar_csv),
    st = window,
    wu = warm_up_length,
    reps = replications,
    run_type = "Full Simulation",
    time_unit = time_unit
  )
  output <- new.env()
  # req() in the app stops the reactive quietly when a value is missing; here a stop is an error.
  req <- function(...) {
    values <- list(...)
    for (v in values) if (!shiny::isTruthy(v)) stop("req() failed: a value PathSimR needs is missing")
    invisible(values[[1]])
  }
  showTab <- function(...) invisible(NULL)
  hideTab <- function(...) invisible(NULL)
  renderUI <- function(...) invisible(NULL)
  modals <- character(0)
  showModal <- function(ui) modals <<- c(modals, paste(as.character(ui), collapse = " "))
  # The handler's own error handler hides the error behind a dialog; let it surface instead.
  tryCatch <- function(expr, ...) expr
  # Worker CPU: read on the workers when the handler first uses the cluster after its timer
  # starts (clusterExport) and just before it stops the cluster; one round trip each.
  worker_cpu_start <- NULL
  worker_cpu_end <- NULL
  clusterExport <- function(cl, ...) {
    if (is.null(worker_cpu_start)) worker_cpu_start <<- parallel::clusterEvalQ(cl, proc.time())
    parallel::clusterExport(cl, ...)
  }
  stopCluster <- function(cl) {
    worker_cpu_end <<- parallel::clusterEvalQ(cl, proc.time())
    parallel::stopCluster(cl)
  }
})

simulate <- function() NULL
body(simulate) <- handler_body
environment(simulate) <- shiny_stand_ins

# --- Run and report ------------------------------------------------------------------------

handler_start <- proc.time()
combo <- simulate()
finished <- proc.time()

if (is.null(combo) || !any(grepl("Simulation Complete", shiny_stand_ins$modals))) {
  stop("PathSimR's handler did not complete: ", paste(shiny_stand_ins$modals, collapse = "; "))
}

cpu <- function(t) unname(t[["user.self"]] + t[["sys.self"]])
ptm <- combo$ptm
pathsimr_elapsed <- unname(finished[["elapsed"]] - ptm[["elapsed"]])
handler_elapsed <- unname(finished[["elapsed"]] - handler_start[["elapsed"]])
master_cpu <- cpu(finished) - cpu(ptm)
worker_cpu <- sum(mapply(function(a, b) cpu(b) - cpu(a), shiny_stand_ins$worker_cpu_start, shiny_stand_ins$worker_cpu_end))
workers <- length(shiny_stand_ins$worker_cpu_end)

cat(sprintf("pathsimr_seconds_wall %.2f\n", pathsimr_elapsed))
cat(sprintf("handler_seconds_wall %.2f\n", handler_elapsed))
cat(sprintf("master_cpu_seconds %.2f\n", master_cpu))
cat(sprintf("worker_cpu_seconds %.2f\n", worker_cpu))
cat(sprintf("workers %d\n", workers))
cat(sprintf("replications %d\n", combo$reps))
cat(sprintf("r_version %s\n", paste(R.version$major, R.version$minor, sep = ".")))

if (!is.na(out_rds)) saveRDS(combo[c(
  "avg_occupancy_summary", "avg_occ_bed_summary", "avg_queue_summary", "avg_delayed_summary",
  "node_wait_summary", "node_length_of_stay_summary", "total_time_in_system_summary",
  "rejected_summary", "reps", "warm_up", "sim_time"
)], out_rds)
