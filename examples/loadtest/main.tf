# A load-test setup as it often arrives in review: a client-credentials client for JMeter,
# a role meant to let it read recordings, and a BYOC trunk. Every line looks plausible.
terraform {
  required_providers {
    genesyscloud = {
      source  = "mypurecloud/genesyscloud"
      version = "~> 1.84"
    }
  }
}

data "genesyscloud_auth_division_home" "home" {}

resource "genesyscloud_auth_division" "sales" {
  name = "Sales"
}

resource "genesyscloud_auth_role" "recording_reader" {
  name        = "Recording reader (load test)"
  description = "Lets the load test fetch recordings"

  permission_policies {
    domain      = "recording"
    entity_name = "recording"
    action_set  = ["View"]
  }
}

resource "genesyscloud_oauth_client" "jmeter" {
  name                          = "JMeter load test"
  authorized_grant_type         = "CLIENT-CREDENTIALS"
  access_token_validity_seconds = 3600
  scopes                        = ["recordings:read"]

  roles {
    role_id = genesyscloud_auth_role.recording_reader.id
  }
}

resource "genesyscloud_telephony_providers_edges_trunkbasesettings" "carrier" {
  name               = "BYOC carrier"
  trunk_meta_base_id = "external_sip_pcv_byoc_carrier.json"
  trunk_type         = "EXTERNAL"
  inbound_site_id    = "9b3f2c1a-5d6e-4f70-8a9b-0c1d2e3f4a5b"
  properties = jsonencode({
    trunk_recording_enabled       = { value = { instance = true } }
    trunk_recording_dual_channel  = { value = { instance = true } }
    "recording:consent"           = { value = { instance = true } }
  })
}
