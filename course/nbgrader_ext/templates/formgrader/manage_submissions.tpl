{%- extends 'base.tpl' -%}

{%- block head -%}
<script>
var assignment_id = "{{ assignment_id }}";
</script>

<script src="{{ base_url }}/formgrader/static/js/manage_submissions.js"></script>
{%- endblock head -%}

{%- block title -%}
Gérer les copies
{%- endblock -%}

{%- block sidebar -%}
<li role="presentation" class="active"><a href="{{ base_url }}/formgrader/manage_assignments">Gérer les devoirs</a></li>
<li role="presentation"><a href="{{ base_url }}/formgrader/gradebook">Notation manuelle</a></li>
<li role="presentation"><a href="{{ base_url }}/formgrader/manage_students">Gérer les apprenants</a></li>
{%- endblock -%}

{%- block breadcrumbs -%}
<ol class="breadcrumb">
  <li><a href="{{ base_url }}/formgrader/manage_assignments">Devoirs</a></li>
  <li class="active">{{ assignment_id }}</li>
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
        <p>
          <b>Remarque :</b> ici, vous corrigez automatiquement une copie à la fois, avec le bouton
          « Corriger automatiquement » de sa ligne. Pour corriger toutes les copies d'un coup, passez par la
          <a target="_blank" href="{{ base_url }}/terminals/1">ligne de commande</a> :
        </p>
        <p>
        <pre>
cd "{{ course_dir }}"
casp autograde "{{ assignment_id }}"</pre>
        </p>
      </div>
    </div>
  </div>
</div>
{%- endblock -%}

{%- block table_header -%}
<tr>
  <th>Apprenant</th>
  <th class="text-center">Identifiant</th>
  <th class="text-center">Rendu le</th>
  <th class="text-center">Statut</th>
  <th class="text-center">Note</th>
  <th class="text-center no-sort">Corriger automatiquement</th>
  <th class="text-center no-sort">Générer le retour</th>
  <th class="text-center no-sort">Envoyer le retour</th>
</tr>
{%- endblock -%}

{%- block table_body -%}
<tr>
  <td>Chargement, veuillez patienter…</td>
  <td></td>
  <td></td>
  <td></td>
  <td></td>
  <td></td>
  <td></td>
  <td></td>
</tr>
{%- endblock -%}
