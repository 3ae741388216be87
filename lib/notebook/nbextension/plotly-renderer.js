// persona-talks: draws `application/vnd.plotly.v1+json` outputs as interactive Plotly charts in the classic
// Jupyter Notebook 6 (which has no renderer of its own for that MIME type). Installed into the project-local
// .jupyter/ by `npm run jupyter` (lib/notebook/plotly-nbextension.ts), next to a copy of the installed
// plotly.js-dist-min: plotly.js is served by the local Notebook server, never from a CDN and never written into a
// notebook. The output's PNG stays in the .ipynb for nbconvert, GitHub and untrusted notebooks (this renderer is
// not "safe": an untrusted notebook shows the PNG).
define(["base/js/namespace", "base/js/events", "notebook/js/outputarea"], function (Jupyter, events, outputarea) {
  "use strict";
  var MIME = "application/vnd.plotly.v1+json";
  var loading = null;

  /** Loads plotly.js once per page from this extension's folder (a plain script: it sets window.Plotly). */
  function plotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = Jupyter.notebook.base_url + "nbextensions/persona-talks-plotly/plotly.min.js";
        script.onload = function () {
          window.Plotly ? resolve(window.Plotly) : reject(new Error("plotly.min.js did not define Plotly"));
        };
        script.onerror = function () {
          loading = null;
          reject(new Error("could not load " + script.src));
        };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function append(json, metadata, element) {
    var subarea = this.create_output_subarea(metadata, "output_plotly rendered_html", MIME);
    var plot = document.createElement("div");
    plot.className = "persona-talks-plotly";
    subarea.append(plot);
    element.append(subarea);
    // A copy: Plotly adds its own fields to the traces, which must not end up in the saved notebook.
    var figure = JSON.parse(JSON.stringify(json));
    plotly()
      .then(function (Plotly) {
        return Plotly.newPlot(plot, figure.data || [], figure.layout || {}, Object.assign({ displaylogo: false }, figure.config || {}));
      })
      .catch(function (error) {
        plot.textContent = "Plotly chart not drawn: " + error.message;
      });
    return subarea;
  }

  /** Draws the charts of outputs already shown (a saved notebook opened before the extension loaded). */
  function redrawSaved() {
    Jupyter.notebook.get_cells().forEach(function (cell) {
      var area = cell.output_area;
      if (!area || !area.trusted) return;
      var outputs = area.toJSON();
      if (!outputs.some(function (output) { return output.data && output.data[MIME]; })) return;
      area.clear_output(false, true);
      area.fromJSON(outputs);
    });
  }

  function load_ipython_extension() {
    outputarea.OutputArea.prototype.register_mime_type(MIME, append, { safe: false, index: 0 });
    if (Jupyter.notebook && Jupyter.notebook._fully_loaded) redrawSaved();
    else events.one("notebook_loaded.Notebook", redrawSaved);
  }

  return { load_ipython_extension: load_ipython_extension };
});
