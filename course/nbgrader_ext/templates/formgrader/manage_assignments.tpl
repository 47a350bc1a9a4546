{%- extends 'base.tpl' -%}

{%- block head -%}
<script>
var url_prefix = "{{ url_prefix }}";
var default_timezone = "{{ default_timezone }}";
</script>

<script src="{{ base_url }}/formgrader/static/js/manage_assignments.js"></script>
{%- endblock -%}

{%- block title -%}
Gérer les devoirs
{%- endblock -%}

{%- block sidebar -%}
<li role="presentation" class="active"><a href="{{ base_url }}/formgrader/manage_assignments">Gérer les devoirs</a></li>
<li role="presentation"><a href="{{ base_url }}/formgrader/gradebook">Notation manuelle</a></li>
<li role="presentation"><a href="{{ base_url }}/formgrader/manage_students">Gérer les apprenants</a></li>
{%- endblock -%}

{%- block breadcrumbs -%}
<ol class="breadcrumb">
  <li class="active">Devoirs</li>
</ol>
{%- endblock -%}

{%- block messages -%}
<div class="panel-group" id="accordion" role="tablist" aria-multiselectable="true">
  <div class="panel panel-default">
    <div class="panel-heading" role="tab" id="headingOne">
      <h4 class="panel-title">
        <a class="collapsed" role="button" data-toggle="collapse" data-parent="#accordion" href="#collapseOne" aria-expanded="false" aria-controls="collapseOne">
          Mode d'emploi (cliquez pour déplier)
        </a>
      </h4>
    </div>
    <div id="collapseOne" class="panel-collapse collapse" role="tabpanel" aria-labelledby="headingOne">
      <div class="panel-body">
        <ol>
          <li>Pour <b>créer</b> un devoir, cliquez sur « Ajouter un devoir… » sous le tableau.</li>
          <li>Pour <b>modifier les fichiers</b> d'un devoir, cliquez sur son nom.</li>
          <li>Pour <b>modifier les informations</b> d'un devoir (date limite), cliquez sur le bouton « Modifier ».</li>
          <li>Pour <b>générer</b> la version apprenant d'un devoir, cliquez sur le bouton « Générer ».</li>
          <li>Pour <b>prévisualiser</b> la version apprenant d'un devoir, cliquez sur le bouton « Aperçu ».</li>
          <li>Pour <b>diffuser</b> le devoir aux apprenants, cliquez sur le bouton « Diffuser ». Un nouveau clic
          retire la diffusion, mais des apprenants ont peut-être déjà récupéré le devoir. <b>Remarque :</b> le
          bouton n'apparaît que si l'option <code>course_id</code> est définie dans <code>nbgrader_config.py</code>
          (voir <a href="http://nbgrader.readthedocs.io/en/stable/configuration/config_options.html">la documentation de nbgrader</a>, en anglais).</li>
          <li>Pour <b>ramasser</b> les copies rendues, cliquez sur le bouton « Ramasser ».</li>
          <li>Pour <b>corriger automatiquement</b> les copies, cliquez sur le nombre de copies ramassées. La
          correction automatique doit avoir eu lieu avant la notation manuelle.</li>
        </ol>
      </div>
    </div>
  </div>
</div>
{% if current_config %}
<div class="panel-group" id="config" role="tablist" aria-multiselectable="true">
  <div class="panel panel-default">
    <div class="panel-heading" role="tab" id="headingConfig">
      <h4 class="panel-title">
        <a class="collapsed" role="button" data-toggle="collapse" data-parent="#accordion" href="#collapseConfig" aria-expanded="false" aria-controls="collapseConfig">
          Configuration en vigueur (cliquez pour déplier)
        </a>
      </h4>
    </div>
    <div id="collapseConfig" class="panel-collapse collapse" role="tabpanel" aria-labelledby="headingConfig">
      <pre class="panel-body">{{ current_config }}</pre>
    </div>
  </div>
</div>
{% endif %}
{% if windows %}
<div class="alert alert-warning" id="warning-windows">
Système Windows détecté : la diffusion et le ramassage des devoirs ne sont pas disponibles.
</div>
{% elif exchange_missing %}
<div class="alert alert-warning" id="warning-exchange">
Le dossier d'échange <code>{{ exchange }}</code> n'existe pas et n'a pas pu être créé : la diffusion et le
ramassage des devoirs ne sont pas disponibles. Voir
<a href="http://nbgrader.readthedocs.io/en/stable/user_guide/managing_assignment_files.html#setting-up-the-exchange">la mise en place de l'échange</a>
dans la documentation de nbgrader (en anglais).
</div>
{% elif not course_id %}
<div class="alert alert-warning" id="warning-course-id">
L'identifiant du cours (<code>course_id</code>) n'est pas défini dans <code>nbgrader_config.py</code> : la
diffusion et le ramassage des devoirs ne sont pas disponibles. Voir
<a href="http://nbgrader.readthedocs.io/en/stable/user_guide/managing_assignment_files.html#setting-up-the-exchange">la mise en place de l'échange</a>
dans la documentation de nbgrader (en anglais).
</div>
{% endif %}
{%- endblock -%}

{%- block table_header -%}
<tr>
  <th>Nom</th>
  <th class="text-center">Date limite</th>
  <th class="text-center">Statut</th>
  <th class="text-center no-sort">Modifier</th>
  <th class="text-center no-sort">Générer</th>
  <th class="text-center no-sort">Aperçu</th>
  <th class="text-center no-sort">Diffuser</th>
  <th class="text-center no-sort">Ramasser</th>
  <th class="text-center">Copies</th>
  <th class="text-center no-sort">Générer les retours</th>
  <th class="text-center no-sort">Envoyer les retours</th>
</tr>
{%- endblock -%}

{%- block table_body -%}
<tr><td colspan="11">Chargement, veuillez patienter…</td></tr>
{%- endblock -%}

{%- block table_footer -%}
<tr>
  <td colspan="11">
    <span class="glyphicon glyphicon-plus" aria-hidden="true"></span>
    <a href="#" onClick="createAssignmentModal();">Ajouter un devoir…</a>
  </td>
</tr>
{%- endblock -%}
