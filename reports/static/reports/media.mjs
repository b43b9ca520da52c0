// Click-to-load videos: nothing is requested from the video host until the reader presses play.
// Without JavaScript, readers get the plain link to the video beneath the placeholder.
const HOSTS = ["https://www.youtube-nocookie.com/embed/", "https://player.vimeo.com/video/"];

function play(figure) {
  const url = figure.dataset.embedUrl || "";
  if (!HOSTS.some((host) => url.startsWith(host))) return;
  const iframe = document.createElement("iframe");
  iframe.className = "govreport-video__iframe";
  iframe.src = url;
  iframe.title = `Video: ${figure.dataset.title}`;
  iframe.allow = "autoplay; fullscreen; picture-in-picture; encrypted-media";
  iframe.allowFullscreen = true;
  iframe.referrerPolicy = "strict-origin-when-cross-origin";
  figure.querySelector(".govreport-video__placeholder").replaceWith(iframe);
  iframe.focus();
}

export function initVideos(root = document) {
  root.querySelectorAll('[data-module="govreport-video"]').forEach((figure) => {
    if (figure.dataset.govreportVideoInit) return;
    figure.dataset.govreportVideoInit = "true";
    figure.querySelectorAll("[hidden]").forEach((element) => { element.hidden = false; });
    figure.querySelector(".govreport-video__play").addEventListener("click", () => play(figure));
  });
}
