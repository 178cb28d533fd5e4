package export

import (
	"io"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"
)

// maxJekyllConfig bounds the _config.yml read for a site's URL.
const maxJekyllConfig = 1 << 20

// jekyllSiteURL is the URL a Jekyll site's pages are published under, its
// _config.yml's url and baseurl ("https://docs.opensearch.org" and
// "/latest"): the _config.yml of siteRoot (--site-root) when set, else of
// the page's directory dir; nothing is read above those. It is "" when
// neither has one, or it gives no url: a link to {{ site.url }}{{
// site.baseurl }}/x/ is then to the site's page /x/.
func jekyllSiteURL(dir, siteRoot string) string {
	if siteRoot != "" {
		dir = siteRoot
	}
	f, err := os.Open(filepath.Join(dir, "_config.yml"))
	if err != nil {
		return ""
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxJekyllConfig))
	if err != nil {
		return ""
	}
	var config struct {
		URL     string `yaml:"url"`
		BaseURL string `yaml:"baseurl"`
	}
	if yaml.Unmarshal(data, &config) != nil || config.URL == "" {
		return ""
	}
	return strings.TrimSuffix(config.URL, "/") + "/" + strings.Trim(config.BaseURL, "/")
}
